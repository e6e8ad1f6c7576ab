using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnectorGen.Http8.Tests;

/// <summary>A minimal HTTP/1.1 loopback server on a bare socket: one scripted answer per request, every request recorded.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, (int Status, string Body)> _answer;
    private readonly ConcurrentQueue<string> _requests = new();

    public LoopbackServer(Func<string, (int Status, string Body)> answer)
    {
        _answer = answer;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Every request received: request line, headers and body.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                var text = new StringBuilder();
                while (true)
                {
                    var headerEnd = text.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (headerEnd >= 0)
                    {
                        var head = text.ToString(0, headerEnd);
                        var length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                                         .Select(l => int.Parse(l.Substring(15).Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                        if (text.Length >= headerEnd + 4 + length)
                        {
                            var request = text.ToString(0, headerEnd + 4 + length);
                            text.Remove(0, request.Length);
                            _requests.Enqueue(request);
                            var (status, body) = _answer(request);
                            var bytes = Encoding.UTF8.GetBytes(body);
                            var response = $"HTTP/1.1 {status} Scripted\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n";
                            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
                            await stream.WriteAsync(bytes, _stop.Token);
                            continue;
                        }
                    }

                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
