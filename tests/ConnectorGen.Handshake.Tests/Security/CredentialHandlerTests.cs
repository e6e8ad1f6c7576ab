#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ConnectorGen.Handshake.Tests.Security;

/// <summary>
/// The Bearer and Element handlers against hostile loopback servers (review 2026-12-03, H1, M1, L3): a credential goes
/// only to an allowed origin, never to a redirect target, never over plain HTTP to another host, and a 401 renews and
/// resends only a replayable body sent to that origin. Tokens are minted by a counting refresher, so that every
/// forced rotation is visible.
/// </summary>
public sealed class CredentialHandlerTests : IAsyncLifetime
{
    private const string User = "user-1";
    private int _refreshes;
    private HostileServer _api = null!;
    private HostileServer _evil = null!;
    private Func<WireRequest, string> _apiAnswer = _ => HostileServer.Response(200, "OK", "{}");
    private Func<WireRequest, string> _evilAnswer = _ => HostileServer.Response(401, "Unauthorized");

    public Task InitializeAsync()
    {
        _api = new HostileServer(r => _apiAnswer(r));
        _evil = new HostileServer(r => _evilAnswer(r));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _evil.DisposeAsync();
    }

    private Uri Evil(string path) => new($"http://evil.test:{_evil.Port}{path}");

    private Dictionary<string, int> Hosts() => new() { ["evil.test"] = _evil.Port };

    private async Task<InfusionsoftAccessTokenManager> ManagerAsync()
    {
        var manager = new InfusionsoftAccessTokenManager((refreshToken, _) =>
        {
            var n = Interlocked.Increment(ref _refreshes);
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new TokenResult("AT-" + n, "RT-" + n, true, "Bearer", null, now, now.AddHours(1)));
        });
        var now = DateTimeOffset.UtcNow;
        await manager.SaveGrantAsync(User, new TokenResult("AT-0", "RT-0", false, "Bearer", null, now, now.AddHours(1)));
        return manager;
    }

    private static HttpClient Client(DelegatingHandler handler, HttpMessageHandler inner)
    {
        handler.InnerHandler = inner;
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
    }

    private void AssertEvilGotNoCredential()
    {
        foreach (var request in _evil.Requests)
        {
            Assert.Null(request.Authorization);
        }

        Canary.AssertClean(_evil.Received, "AT-0", "AT-1", "AT-2", Canary.UserSecret, Canary.OrganizationSecret);
    }

    // H1: a redirect-following primary handler (the default of new HttpClient() and of IHttpClientFactory) moves the
    // request to evil.test, which answers 401: no renewed token may follow it there.
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Bearer_handler_never_renews_or_resends_after_a_redirect_to_another_origin(int status)
    {
        _apiAnswer = _ => HostileServer.Redirect(status, Evil("/collect"));
        var manager = await ManagerAsync();
        using var api = Client(manager.CreateHandler(User, [_api.Loopback("/")]), OtherHosts.Handler(followRedirects: true, Hosts()));

        using var response = await api.GetAsync(_api.Loopback("/v1/contacts"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(_evil.Requests);
        AssertEvilGotNoCredential();
        Assert.Equal(0, _refreshes); // a 401 from elsewhere forces no rotation either
        Assert.Equal("Bearer AT-0", Assert.Single(_api.Requests).Authorization);
    }

    // H1 through DI: Add<C>AccessToken turns redirects off on the factory's primary handler, whatever the application set.
    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task AddAccessToken_turns_redirects_off_so_the_redirect_target_gets_nothing(int status)
    {
        _apiAnswer = _ => HostileServer.Redirect(status, Evil("/collect"));
        var services = new ServiceCollection();
        services.AddHttpClient("keap-api")
            .ConfigurePrimaryHttpMessageHandler(() => OtherHosts.Handler(followRedirects: true, Hosts()))
            .AddInfusionsoftAccessToken(User, [_api.Loopback("/")]);
        // Registered after the extension's TryAdd, so resolved instead: a refresher that counts, without an OAuth client.
        services.AddSingleton(_ => new InfusionsoftAccessTokenManager((_, _) =>
        {
            Interlocked.Increment(ref _refreshes);
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new TokenResult("AT-1", "RT-1", true, "Bearer", null, now, now.AddHours(1)));
        }));
        await using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        await provider.GetRequiredService<InfusionsoftAccessTokenManager>().SaveGrantAsync(User, new TokenResult("AT-0", "RT-0", false, "Bearer", null, now, now.AddHours(1)));

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("keap-api").GetAsync(_api.Loopback("/v1/contacts"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(_evil.Requests);
        Assert.Equal(0, _refreshes);
    }

    // M1: a URL taken from data (a pagination link, a webhook) on another host, over plain HTTP or not.
    [Theory]
    [InlineData("evil")]
    [InlineData("other-loopback-origin")]
    public async Task Bearer_handler_attaches_the_token_only_to_an_allowed_origin(string target)
    {
        var manager = await ManagerAsync();
        using var api = Client(manager.CreateHandler(User, [_api.Loopback("/")]), OtherHosts.Handler(followRedirects: false, Hosts()));
        var uri = target == "evil" ? Evil("/next?page=2") : _evil.Loopback("/next?page=2");

        var failure = await Assert.ThrowsAsync<CredentialOriginException>(() => api.GetAsync(uri));

        Assert.Equal(CredentialOriginFailure.OriginNotAllowed, failure.Failure);
        Assert.Empty(_evil.Requests);
        Assert.DoesNotContain("evil.test", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("page=2", failure.Message, StringComparison.Ordinal);
        using var allowed = await api.GetAsync(_api.Loopback("/v1/contacts"));
        Assert.Equal("Bearer AT-0", Assert.Single(_api.Requests).Authorization);
    }

    [Fact]
    public async Task Bearer_handler_without_allowed_origins_fails_closed_before_reading_a_token()
    {
        var manager = await ManagerAsync();
        using var api = Client(new AccessTokenHandler(manager.Tokens, User, allowedOrigins: null), OtherHosts.Handler(followRedirects: false));

        var failure = await Assert.ThrowsAsync<CredentialOriginException>(() => api.GetAsync(_api.Loopback("/v1/contacts")));

        Assert.Equal(CredentialOriginFailure.NoAllowedOrigin, failure.Failure);
        Assert.Empty(_api.Requests);
        Assert.Equal(0, _refreshes);
    }

    [Fact]
    public async Task Bearer_handler_defaults_to_the_mappings_apiBaseUrl_and_sends_nothing_elsewhere()
    {
        var manager = await ManagerAsync(); // samples/Infusionsoft: "apiBaseUrl": "https://api.infusionsoft.com/crm/rest"
        using var api = Client(manager.CreateHandler(User), OtherHosts.Handler(followRedirects: false));

        var failure = await Assert.ThrowsAsync<CredentialOriginException>(() => api.GetAsync(_api.Loopback("/v1/contacts")));

        Assert.Equal(CredentialOriginFailure.OriginNotAllowed, failure.Failure);
        Assert.Equal(new Uri("https://api.infusionsoft.com/crm/rest"), Assert.Single(InfusionsoftOAuthMetadata.ApiOrigins!));
        Assert.Empty(_api.Requests);
        Assert.Equal(0, _refreshes);
    }

    [Fact]
    public void An_allowed_origin_over_plain_HTTP_to_another_host_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => CredentialOrigins.From([new Uri("http://api.infusionsoft.com/")]));
        Assert.Throws<ArgumentException>(() => CredentialOrigins.From([new Uri("https://user:pw@api.infusionsoft.com/")]));
        Assert.Null(CredentialOrigins.From([]));
        var origins = CredentialOrigins.From([new Uri("https://api.infusionsoft.com/crm/rest/v1")])!;
        Assert.True(origins.Allows(new Uri("https://api.infusionsoft.com/crm/rest/v2/contacts?x=1")));
        Assert.False(origins.Allows(new Uri("http://api.infusionsoft.com/crm/rest/v1")));
        Assert.False(origins.Allows(new Uri("https://api.infusionsoft.com:8443/crm/rest/v1")));
        Assert.False(origins.Allows(new Uri("https://api.infusionsoft.com.evil.test/")));
    }

    // M1 for the Element handler: User, Organization and Element secrets go only to the Open Connectors base URL's origin.
    [Theory]
    [InlineData("evil")]
    [InlineData("other-loopback-origin")]
    public async Task Element_handler_attaches_its_credentials_only_to_the_Open_Connectors_origin(string target)
    {
        using var http = new HttpClient();
        var instances = new InfusionsoftOpenConnectorsInstances(http, _api.Loopback("/elements/api-v2"), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());
        using var hub = Client(instances.CreateElementHandler("INSTANCE-TOKEN-1"), OtherHosts.Handler(followRedirects: false, Hosts()));
        var uri = target == "evil" ? Evil("/hubs/crm/contacts") : _evil.Loopback("/hubs/crm/contacts");

        var failure = await Assert.ThrowsAsync<CredentialOriginException>(() => hub.GetAsync(uri));

        Assert.Equal(CredentialOriginFailure.OriginNotAllowed, failure.Failure);
        Assert.Empty(_evil.Requests);
        using var allowed = await hub.GetAsync(_api.Loopback("/elements/api-v2/hubs/crm/contacts"));
        Assert.Equal("User " + Canary.UserSecret + ", Organization " + Canary.OrganizationSecret + ", Element INSTANCE-TOKEN-1", Assert.Single(_api.Requests).Authorization);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task Element_handler_credentials_do_not_follow_a_redirect(int status)
    {
        _apiAnswer = _ => HostileServer.Redirect(status, Evil("/steal"));
        using var http = new HttpClient();
        var instances = new InfusionsoftOpenConnectorsInstances(http, _api.Loopback("/elements/api-v2"), Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials());
        using var hub = Client(instances.CreateElementHandler("INSTANCE-TOKEN-1"), OtherHosts.Handler(followRedirects: true, Hosts()));

        using var response = await hub.PostAsync(_api.Loopback("/elements/api-v2/hubs/crm/contacts"), new StringContent("{}"));

        AssertEvilGotNoCredential();
        Canary.AssertClean(_evil.Received, "INSTANCE-TOKEN-1");
    }

    // L3: a body that cannot be written twice (a non-seekable stream, multipart over one) gets its 401 back, with no
    // forced rotation and no "stream already consumed" failure.
    [Theory]
    [InlineData("stream")]
    [InlineData("multipart")]
    public async Task A_401_for_a_body_that_cannot_be_sent_twice_is_returned_without_renewing(string kind)
    {
        _apiAnswer = _ => HostileServer.Response(401, "Unauthorized");
        var manager = await ManagerAsync();
        using var api = Client(manager.CreateHandler(User, [_api.Loopback("/")]), OtherHosts.Handler(followRedirects: false));
        HttpContent body = new StreamContent(new OneWayStream("file-bytes"u8.ToArray()));
        if (kind == "multipart")
        {
            body = new MultipartFormDataContent { { body, "file", "a.txt" } };
        }

        using var response = await api.PostAsync(_api.Loopback("/v1/files"), body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(_api.Requests);
        Assert.Equal(0, _refreshes);
    }

    [Fact]
    public async Task A_401_for_a_replayable_body_from_the_allowed_origin_renews_once_and_resends()
    {
        _apiAnswer = r => r.Authorization == "Bearer AT-1" ? HostileServer.Response(200, "OK", "{}") : HostileServer.Response(401, "Unauthorized");
        var manager = await ManagerAsync();
        using var api = Client(manager.CreateHandler(User, [_api.Loopback("/")]), OtherHosts.Handler(followRedirects: false));

        using var response = await api.PostAsync(_api.Loopback("/v1/contacts"), new StringContent("{\"a\":1}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _refreshes);
        Assert.Equal("Bearer AT-0", _api.Requests[0].Authorization);
        Assert.Equal("Bearer AT-1", _api.Requests[1].Authorization);
        Assert.Equal("{\"a\":1}", _api.Requests[1].Body);
    }

    /// <summary>A stream that can be read once, from the start, like a network or pipe stream.</summary>
    private sealed class OneWayStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
