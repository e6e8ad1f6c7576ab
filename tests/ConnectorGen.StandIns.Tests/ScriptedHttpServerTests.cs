using System.Diagnostics;
using System.Net;

namespace ConnectorGen.StandIns.Tests;

public sealed class ScriptedHttpServerTests
{
    [Fact]
    public async Task Answers_the_scripted_status_headers_and_body_and_records_the_request()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse
        {
            StatusCode = 302,
            Headers = new Dictionary<string, string> { ["Location"] = "https://elsewhere.example.test/x" },
            ContentType = "text/html",
            Body = "<html>moved</html>",
        });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var response = await http.PostAsync(server.Endpoint("/token"), new StringContent("a=b"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://elsewhere.example.test/x", response.Headers.Location!.AbsoluteUri);
        Assert.Equal("<html>moved</html>", await response.Content.ReadAsStringAsync());
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/token", request.PathAndQuery);
        Assert.Equal("a=b", request.Body);
    }

    [Fact]
    public async Task Delays_before_answering()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse { Delay = TimeSpan.FromMilliseconds(400), Body = "late" });
        using var http = new HttpClient();
        var watch = Stopwatch.StartNew();
        Assert.Equal("late", await http.GetStringAsync(server.BaseUri));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), watch.Elapsed.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Streams_a_generated_body_of_the_requested_size(bool chunked)
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedResponse { GeneratedBodyLength = 1_000_000, Chunked = chunked });
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.BaseUri, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(chunked ? null : 1_000_000, response.Content.Headers.ContentLength);
        Assert.Equal(1_000_000, (await response.Content.ReadAsByteArrayAsync()).Length);
    }
}
