using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Matchmaker.Tests.Support;

/// <summary>
/// The real server binary as a child process on a loopback port, with its own data folder.
/// <see cref="Kill"/> ends it abruptly (SIGKILL: no shutdown hooks, no final index commit).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ServerProcess(string dataDirectory, params string[] extraArguments)
        : this(dataDirectory, null, extraArguments)
    {
    }

    /// <param name="tls">A channel handler that trusts the server's certificate: the server is then started on https://.</param>
    public ServerProcess(string dataDirectory, HttpMessageHandler? tls, params string[] extraArguments)
    {
        DataDirectory = dataDirectory;
        ExtraArguments = extraArguments;
        Port = FreePort();
        Tls = tls;
        Url = $"{(tls is null ? "http" : "https")}://127.0.0.1:{Port}";
    }

    public HttpMessageHandler? Tls { get; }

    public string DataDirectory { get; }

    public string[] ExtraArguments { get; }

    public int Port { get; }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { RepoPaths.ServerDll, "--urls", Url, "--Matchmaker:DataDirectory", DataDirectory, "--Matchmaker:DemoData:SeedWhenEmpty", "false",
            "--Matchmaker:ActivateShippedModel", "false" }.Concat(ExtraArguments))
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Wait for the socket first: a gRPC channel that meets a refused connection backs off for
        // seconds, which would only slow the test down.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AcceptsConnections())
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the output read so far, to its end
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the server did not open port {Port}:\n{Output}");
            }

            await Task.Delay(50);
        }

        using var channel = Connect();
        HealthCheckResponse reply;
        while (true)
        {
            try
            {
                reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
                break;
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Unavailable && DateTime.UtcNow < deadline && !_process.HasExited)
            {
                // The port answered before Kestrel held it (another socket, briefly): ask again.
                await Task.Delay(100);
            }
        }

        if (reply.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new InvalidOperationException($"the server reports {reply.Status}:\n{Output}");
        }
    }

    private async Task<bool> AcceptsConnections()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A channel over a real loopback socket.</summary>
    public GrpcChannel Connect() =>
        Tls is null ? GrpcChannel.ForAddress(Url) : GrpcChannel.ForAddress(Url, new GrpcChannelOptions { HttpHandler = Tls, DisposeHttpClient = false });

    /// <summary>Ctrl-C: sends SIGINT and waits for the process to end.</summary>
    /// <returns>Its exit code; null when it was still running after <paramref name="timeout"/> (it is then killed).</returns>
    public int? Interrupt(TimeSpan timeout)
    {
        if (_process is null || _process.HasExited)
        {
            throw new InvalidOperationException("the server is not running");
        }

        if (SendSignal(_process.Id, 2) != 0)
        {
            throw new InvalidOperationException($"could not send SIGINT to {_process.Id}");
        }

        if (!_process.WaitForExit(timeout))
        {
            Kill();
            return null;
        }

        _process.WaitForExit(); // the output read so far, to its end
        return _process.ExitCode;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
