using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using StackExchange.Redis;
using Xunit;

namespace ConnectorGen.Farm.Tests;

/// <summary>
/// A real redis-server (the distribution's package) on a free loopback port, persisting every write (AOF, fsync always,
/// as docs/handshake.md asks of a token store, so a restart keeps the grants), started and stopped by the
/// tests. Missing binary: the tests skip with the reason, except under CI=true where they fail (.ci/run installs it).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cg-redis-" + Guid.NewGuid().ToString("N"));

    private RedisServer(string binary, int port)
    {
        Binary = binary;
        Port = port;
        Directory.CreateDirectory(_directory);
    }

    public string Binary { get; }

    public int Port { get; }

    public string Endpoint => "127.0.0.1:" + Port;

    public static string? FindBinary()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;
    }

    /// <summary>Starts a server, or skips the test (fails it under CI=true) when redis-server is not installed.</summary>
    public static async Task<RedisServer> StartOrSkipAsync()
    {
        var binary = FindBinary();
        if (binary is null)
        {
            const string reason = "redis-server is not installed (apt-get install redis-server; .ci/run installs it).";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), reason);
            Skip.If(true, reason);
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new RedisServer(binary!, port);
        await server.StartAsync();
        return server;
    }

    /// <summary>(Re)starts the process on the same port.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory, "--protected-mode", "yes", "--maxmemory-policy", "noeviction" })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the process (Redis gone, as in a crash or a failover).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { Endpoint },
            AbortOnConnectFail = false,
            ConnectTimeout = 5000,
            SyncTimeout = 5000,
            AsyncTimeout = 5000,
            AllowAdmin = true,
        });

    public ValueTask DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return default;
    }
}
