using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnectorGen.StandIns;

/// <summary>One scripted answer of <see cref="ScriptedHttpServer"/>.</summary>
public sealed class ScriptedResponse
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>The Content-Type header, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body text, if any.</summary>
    public string? Body { get; init; }

    /// <summary>When set, the body is this many bytes of <c>'a'</c>, streamed (for oversized-body tests).</summary>
    public long? GeneratedBodyLength { get; init; }

    /// <summary>When true with <see cref="GeneratedBodyLength"/>, no Content-Length is sent (chunked).</summary>
    public bool Chunked { get; init; }

    /// <summary>Extra response headers, e.g. Location for redirects.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Delay before answering (the request's abort cancels it).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A JSON answer.</summary>
    public static ScriptedResponse Json(int statusCode, string body) => new() { StatusCode = statusCode, ContentType = "application/json", Body = body };
}

/// <summary>A request received by <see cref="ScriptedHttpServer"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string.</param>
/// <param name="Headers">The request headers (last value wins).</param>
/// <param name="Body">The request body as text.</param>
public sealed record ScriptedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>Options for <see cref="ScriptedHttpServer"/>.</summary>
public sealed class ScriptedHttpServerOptions
{
    /// <summary>Chooses the answer for each request; defaults to 404.</summary>
    public Func<ScriptedRequest, ScriptedResponse> Respond { get; init; } = static _ => new ScriptedResponse { StatusCode = 404 };
}

/// <summary>A tiny loopback server answering scripted responses: for fault matrices (errors, delays, huge bodies, redirects).</summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedRequest> _requests = new();

    private ScriptedHttpServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The requests received so far.</summary>
    public IReadOnlyCollection<ScriptedRequest> Requests => _requests.ToArray();

    /// <summary>An address on this server.</summary>
    public Uri Endpoint(string relativePath) => new(BaseUri, relativePath.TrimStart('/'));

    /// <summary>Starts a server that always gives <paramref name="response"/>.</summary>
    public static Task<ScriptedHttpServer> StartAsync(ScriptedResponse response, CancellationToken cancellationToken = default) =>
        StartAsync(new ScriptedHttpServerOptions { Respond = _ => response }, cancellationToken);

    /// <summary>Starts the server on 127.0.0.1 with a dynamic port.</summary>
    public static async Task<ScriptedHttpServer> StartAsync(ScriptedHttpServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = LoopbackHost.CreateBuilder("ConnectorGen.StandIns.Scripted").Build();
        var self = new ScriptedHttpServer(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new ScriptedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
            self._requests.Enqueue(request);

            var response = options.Respond(request);
            if (response.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(response.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = response.StatusCode;
            if (response.ContentType is not null)
            {
                context.Response.ContentType = response.ContentType;
            }

            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            try
            {
                if (response.GeneratedBodyLength is long length)
                {
                    if (!response.Chunked)
                    {
                        context.Response.ContentLength = length;
                    }

                    var chunk = new byte[16 * 1024];
                    Array.Fill(chunk, (byte)'a');
                    for (long sent = 0; sent < length; sent += chunk.Length)
                    {
                        await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)), context.RequestAborted);
                    }
                }
                else if (response.Body is not null)
                {
                    await context.Response.WriteAsync(response.Body, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client hung up (as a size-capped reader should): nothing more to send.
            }
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        self.BaseUri = LoopbackHost.GetBaseUri(app);
        return self;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
