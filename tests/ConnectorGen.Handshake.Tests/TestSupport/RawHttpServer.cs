#pragma warning disable CS1591
using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Generated;
using Contoso.Connectors;

namespace ConnectorGen.Handshake.Tests.TestSupport;

/// <summary>
/// A loopback server on a bare socket, for answers no well-behaved server gives: the headers of a response, then part of
/// its body, then nothing (the connection stays open until the test ends).
/// </summary>
public sealed class StallingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly string _head;

    public StallingServer(string head)
    {
        _head = head;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Endpoint(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    public int Connections => _clients.Count;

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _clients.Add(client);
                _ = AnswerAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[16 * 1024];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(_head), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Helpers shared by the hardening tests.</summary>
internal static class HardeningSupport
{
    /// <summary>
    /// An error kind by name: the kinds added by the hardening are looked up at run time, so that these tests also
    /// compile against the templates from before the fixes (where they fail, as they should).
    /// </summary>
    public static HandshakeErrorKind Kind(string name) => Enum.Parse<HandshakeErrorKind>(name);

    /// <summary>Fails the test when <paramref name="task"/> has not finished within <paramref name="limit"/> (a hang).</summary>
    public static async Task<T> Within<T>(Task<T> task, TimeSpan limit)
    {
        if (await Task.WhenAny(task, Task.Delay(limit)) != task)
        {
            throw new Xunit.Sdk.XunitException($"The call did not finish within {limit.TotalSeconds} s: it hangs.");
        }

        return await task;
    }

    /// <summary>Runs a construction and then a call; returns the first exception (configuration may be refused at either point).</summary>
    public static async Task<Exception?> AtConstructionOrCall<TClient>(Func<TClient> create, Func<TClient, Task> call)
    {
        TClient client;
        try
        {
            client = create();
        }
        catch (Exception ex)
        {
            return ex;
        }

        return await Xunit.Record.ExceptionAsync(() => call(client));
    }
}
