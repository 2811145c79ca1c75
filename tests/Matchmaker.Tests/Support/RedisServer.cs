using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Matchmaker.Tests.Support;

/// <summary>
/// A throwaway redis-server from PATH on a free loopback port, without persistence. Stop and
/// start it again on the same port to test outages.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    public RedisServer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static bool Installed { get; } = Find("redis-server") is not null;

    /// <summary>Set by .ci/run to the throwaway server it started ("127.0.0.1:PORT"); tests that do not stop Redis use it.</summary>
    public const string SharedVariable = "MATCHMAKER_TEST_REDIS";

    /// <summary>
    /// The server .ci/run started, when MATCHMAKER_TEST_REDIS names one; fails, saying why, when it
    /// is set but nothing answers there (a broken CI set-up must not look like a cache bug).
    /// </summary>
    public static async Task<string?> SharedAsync()
    {
        var configuration = Environment.GetEnvironmentVariable(SharedVariable);
        if (string.IsNullOrEmpty(configuration))
        {
            return null;
        }

        var port = int.Parse(configuration[(configuration.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (!await AnswersAsync(port))
        {
            throw new InvalidOperationException($"{SharedVariable}={configuration} is set, but no Redis answers PING there (did .ci/run's redis-server die?)");
        }

        return configuration;
    }

    public const string InstallHint = "redis-server is not installed: apt-get install redis-server (CI=true makes this a failure)";

    public async Task StartAsync()
    {
        var path = Find("redis-server") ?? throw new InvalidOperationException(InstallHint);
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--protected-mode", "no", "--enable-debug-command", "local" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersAsync(Port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills the server (an outage, not a clean shutdown).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    /// <summary>Makes the server unresponsive for a while (DEBUG SLEEP), without waiting for it: a slow Redis, not a dead one.</summary>
    public async Task FreezeAsync(TimeSpan duration)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var command = System.FormattableString.Invariant($"DEBUG SLEEP {duration.TotalSeconds:0.###}\r\n");
        await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(command));
        await Task.Delay(50); // let the server start sleeping before the caller measures
    }

    /// <summary>Whether a Redis server on this loopback port answers PING.</summary>
    public static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return read > 0 && buffer[0] == (byte)'+';
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
