#pragma warning disable CS1591
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using ConnectorGen.Handshake.Tests.TestSupport;
using ConnectorGen.StandIns;
using Contoso.Connectors;
using Xunit;

namespace ConnectorGen.Handshake.Tests;

/// <summary>
/// Issue 19 item 4 ("handshake and refresh durations"): every request to a token endpoint or to the Open Connectors
/// platform is counted and timed (<c>connectorgen.handshake.requests</c>, <c>connectorgen.handshake.duration</c>, one
/// <c>connectorgen.handshake</c> activity), tagged with the connector, a fixed operation name and the outcome; no tag
/// carries a code, token or secret (canaries), and an error code the provider invents is not copied into a tag.
/// </summary>
public sealed class HandshakeTelemetryTests : IAsyncLifetime
{
    // The meter is static and other test classes of this assembly send requests in parallel (several with the same
    // connector name): a measurement counts only when it is recorded in this test's own async flow.
    private static readonly System.Threading.AsyncLocal<HandshakeTelemetryTests?> s_current = new();
    private readonly HttpClient _http = Canary.NewHttpClient();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _traces;
    private KeapAuthorizationServer _keap = null!;
    private OpenConnectorsStandIn _oc = null!;

    public HandshakeTelemetryTests()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConnectorGenTelemetry.Name && instrument.Name.StartsWith("connectorgen.handshake.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        _traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectorGenTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "connectorgen.handshake" && ReferenceEquals(s_current.Value, this))
                {
                    _activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_traces);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        if (ReferenceEquals(s_current.Value, this))
        {
            _measurements.Enqueue((instrument.Name, value, copy));
        }
    }

    public async Task InitializeAsync()
    {
        _keap = await KeapAuthorizationServer.StartAsync(Canary.KeapOptions());
        _oc = await OpenConnectorsStandIn.StartAsync(new OpenConnectorsStandInOptions
        {
            UserSecret = Canary.UserSecret,
            OrganizationSecret = Canary.OrganizationSecret,
            ProviderAuthorizationEndpoint = _keap.AuthorizationEndpoint,
            ProviderTokenEndpoint = _keap.TokenEndpoint,
        });
    }

    public async Task DisposeAsync()
    {
        _meters.Dispose();
        _traces.Dispose();
        _http.Dispose();
        await _oc.DisposeAsync();
        await _keap.DisposeAsync();
    }

    private (string Operation, string Outcome)[] Requests() =>
        _measurements.Where(m => m.Instrument == "connectorgen.handshake.requests").Select(m => (m.Tags["operation"]!, m.Tags["outcome"]!)).ToArray();

    [Fact]
    public async Task Code_exchange_refresh_and_a_dead_refresh_are_counted_and_timed_by_grant_type_and_outcome()
    {
        s_current.Value = this;
        var client = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _keap.AuthorizationEndpoint,
            TokenEndpoint = _keap.TokenEndpoint,
        });
        var request = client.CreateAuthorizationRequest();
        var code = client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request);
        var first = await client.ExchangeCodeAsync(code);
        var rotated = await client.RefreshAsync(first.RefreshToken!);
        // Keap retired the first refresh token when it rotated: its answer is invalid_request (a dead grant for Keap).
        await Assert.ThrowsAsync<OAuthException>(() => client.RefreshAsync(first.RefreshToken!));

        Assert.Equal(
            [("authorization_code", "success"), ("refresh_token", "success"), ("refresh_token", "invalid_request")],
            Requests());
        var durations = _measurements.Where(m => m.Instrument == "connectorgen.handshake.duration").ToArray();
        Assert.Equal(3, durations.Length);
        Assert.All(durations, d => Assert.InRange(d.Value, 0.0, 60.0));
        Assert.Equal(3, _activities.Count(a => a.GetTagItem("connector") as string == "Infusionsoft"));

        var tagValues = string.Join("\n", _measurements.SelectMany(m => m.Tags.Values)
            .Concat(_activities.SelectMany(a => a.Tags.Select(t => t.Value))));
        Canary.AssertClean(tagValues, code.Code, first.AccessToken, first.RefreshToken, rotated.AccessToken, rotated.RefreshToken, Canary.ClientSecret);
    }

    [Fact]
    public async Task Platform_requests_are_counted_by_method_and_endpoint_and_a_refusal_by_its_kind()
    {
        s_current.Value = this;
        var client = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, Canary.UserSecret, Canary.OrganizationSecret, Canary.Credentials(), new InfusionsoftOpenConnectorsClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint });
        var request = client.CreateAuthorizationRequest();
        var code = client.HandleCallback(await Canary.FollowAuthorizeAsync(_http, request.AuthorizationUrl), request);
        var instance = await client.CreateInstanceAsync(code, "acme-crm", ["acme"]);

        var wrong = new InfusionsoftOpenConnectorsClient(_http, _oc.BaseUri, "not-the-user-secret", Canary.OrganizationSecret, Canary.Credentials(), new InfusionsoftOpenConnectorsClientOptions { AuthorizationEndpoint = _keap.AuthorizationEndpoint });
        var again = wrong.CreateAuthorizationRequest();
        var secondCode = wrong.HandleCallback(await Canary.FollowAuthorizeAsync(_http, again.AuthorizationUrl), again);
        await Assert.ThrowsAsync<OpenConnectorsException>(() => wrong.CreateInstanceAsync(secondCode, "acme-crm-2", ["acme"]));

        Assert.Equal([("open_connectors POST instances", "success"), ("open_connectors POST instances", "ProtocolError")], Requests());
        var tagValues = string.Join("\n", _measurements.SelectMany(m => m.Tags.Values));
        Canary.AssertClean(tagValues, code.Code, secondCode.Code, instance.Token, Canary.UserSecret, Canary.OrganizationSecret, Canary.ClientSecret);
    }

    [Fact]
    public async Task An_error_code_the_provider_invents_is_counted_as_oauth_error_never_copied()
    {
        s_current.Value = this;
        const string invented = "echo-of-" + "S3cr3t-canary-value";
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedResponse.Json(400, "{\"error\":\"" + invented + "\"}"));
        var client = new InfusionsoftOAuthClient(_http, Canary.Credentials(), new InfusionsoftOAuthClientOptions
        {
            AuthorizationEndpoint = _keap.AuthorizationEndpoint,
            TokenEndpoint = server.Endpoint("/token"),
        });

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.RefreshAsync("some-refresh-token"));

        Assert.Equal(invented, error.Error);
        Assert.Equal([("refresh_token", "oauth_error")], Requests());
        Canary.AssertClean(string.Join("\n", _measurements.SelectMany(m => m.Tags.Values)), invented, "some-refresh-token");
    }
}
