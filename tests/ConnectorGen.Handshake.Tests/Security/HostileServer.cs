#pragma warning disable CS1591
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectorGen.Handshake.Tests.Security;

/// <summary>One request as it arrived on the wire.</summary>
public sealed record WireRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Authorization => Headers.TryGetValue("authorization", out var value) ? value : null;

    public string Raw => Method + " " + Path + "\n" + string.Join("\n", Headers.Select(h => h.Key + ": " + h.Value)) + "\n\n" + Body;
}

/// <summary>
/// A loopback HTTP/1.1 server on a bare socket that answers what the test scripts (redirects, 401s, huge declared
/// bodies) and records every request with its headers and body. One request per connection (<c>Connection: close</c>).
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<WireRequest, string> _answer;
    private readonly ConcurrentQueue<WireRequest> _requests = new();

    public HostileServer(Func<WireRequest, string> answer)
    {
        _answer = answer;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>This server under its loopback address.</summary>
    public Uri Loopback(string path) => new($"http://127.0.0.1:{Port}{path}");

    public IReadOnlyList<WireRequest> Requests => _requests.ToArray();

    /// <summary>Everything received, for "no canary reached this server" assertions.</summary>
    public string Received => string.Join("\n----\n", _requests.Select(r => r.Raw));

    public static string Response(int status, string reason, string body = "", params string[] headers) =>
        $"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
        string.Concat(headers.Select(h => h + "\r\n")) + "\r\n" + body;

    public static string Redirect(int status, Uri location) => Response(status, "Redirect", "", "Location: " + location);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = AnswerAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var data = new MemoryStream();
                var buffer = new byte[16 * 1024];
                int headEnd;
                while ((headEnd = IndexOf(data, "\r\n\r\n"u8.ToArray())) < 0)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    data.Write(buffer, 0, read);
                }

                var all = data.ToArray();
                var head = Encoding.ASCII.GetString(all, 0, headEnd).Split("\r\n");
                var requestLine = head[0].Split(' ');
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in head.Skip(1))
                {
                    var colon = line.IndexOf(':');
                    if (colon > 0)
                    {
                        headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
                    }
                }

                var body = new MemoryStream();
                body.Write(all, headEnd + 4, all.Length - headEnd - 4);
                if (headers.TryGetValue("content-length", out var length))
                {
                    var expected = long.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
                    while (body.Length < expected)
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        body.Write(buffer, 0, read);
                    }
                }
                else if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    // The raw chunked bytes are enough for "what reached this server": read until the last chunk.
                    while (IndexOf(body, "0\r\n\r\n"u8.ToArray()) < 0)
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        body.Write(buffer, 0, read);
                    }
                }

                var request = new WireRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "", headers, Encoding.UTF8.GetString(body.ToArray()));
                _requests.Enqueue(request);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(_answer(request)), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private static int IndexOf(MemoryStream stream, byte[] pattern) =>
        stream.ToArray().AsSpan().IndexOf(pattern);

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// "Other hosts" on loopback: a <see cref="SocketsHttpHandler"/> whose connections to a mapped host name (evil.test,
/// attacker.example) go to a local port, so that a request to <c>http://evil.test:port/</c> is, to the code under
/// test, plain HTTP to a host that is not loopback.
/// </summary>
public static class OtherHosts
{
    public static SocketsHttpHandler Handler(bool followRedirects, IReadOnlyDictionary<string, int>? hosts = null) => new()
    {
        AllowAutoRedirect = followRedirects,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var port = hosts is not null && hosts.TryGetValue(context.DnsEndPoint.Host, out var mapped) ? mapped : context.DnsEndPoint.Port;
            var host = hosts is not null && hosts.ContainsKey(context.DnsEndPoint.Host) ? "127.0.0.1" : context.DnsEndPoint.Host;
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
