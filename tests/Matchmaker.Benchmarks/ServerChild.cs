using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Grpc.Net.Client;
using Matchmaker.V1;

namespace Matchmaker.Benchmarks;

/// <summary>One server build as a child process (dotnet DLL) on a loopback port, its data folder and its client.</summary>
internal sealed class ServerChild : IDisposable
{
    private readonly Process _process;
    private readonly string _data;
    private readonly bool _ownsData;
    private readonly GrpcChannel _channel;

    private ServerChild(string name, Process process, string data, bool ownsData, string url, string? apiKey)
    {
        Name = name;
        _process = process;
        _data = data;
        _ownsData = ownsData;
        Url = url;
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        _channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpHandler = apiKey is null ? handler : new KeyHandler(apiKey) { InnerHandler = handler },
        });
        Matches = new MatchService.MatchServiceClient(_channel);
        Profiles = new ProfileService.ProfileServiceClient(_channel);
    }

    public string Name { get; }

    public string Url { get; }

    public MatchService.MatchServiceClient Matches { get; }

    public ProfileService.ProfileServiceClient Profiles { get; }

    /// <summary>The server process's resident memory now, in MB (Linux /proc).</summary>
    public double ResidentMegabytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }

    /// <param name="server">The server's Matchmaker.Server.dll, or the folder it is in.</param>
    /// <param name="data">The data folder (kept); null: a fresh one, deleted on dispose.</param>
    /// <param name="apiKey">Sent as x-api-key on every call.</param>
    /// <param name="settings">More command-line settings ("--Matchmaker:…", value).</param>
    public static async Task<ServerChild> StartAsync(string name, string server, string? data = null, string? apiKey = null, params string[] settings)
    {
        var dll = Resolve(server, "the server");

        var port = BenchHost.FreePort();
        var folder = data ?? Path.Combine(Path.GetTempPath(), "matchmaker-bench-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--Matchmaker:DataDirectory", folder,
            "--Matchmaker:DemoData:SeedWhenEmpty", "false", "--Logging:LogLevel:Default", "Warning" }.Concat(settings))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"{name}: {line}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await Listens(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{dll} did not start listening on port {port}");
            }

            await Task.Delay(100);
        }

        return new ServerChild(name, process, folder, data is null, $"http://127.0.0.1:{port}", apiKey);
    }

    /// <summary>The Matchmaker.Server.dll a path names (the dll or its folder).</summary>
    /// <exception cref="ArgumentException">There is no server build there.</exception>
    public static string Resolve(string server, string option)
    {
        var dll = Directory.Exists(server) ? Path.Combine(server, "Matchmaker.Server.dll") : server;
        return File.Exists(dll)
            ? dll
            : throw new ArgumentException($"{option}: no server build at {server} (give Matchmaker.Server.dll or its folder, e.g. src/Matchmaker.Server/bin/Release/net10.0)");
    }

    /// <summary>The server beside this benchmark's build (same configuration).</summary>
    public static string BuiltServer()
    {
        var bin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(bin);
        var configuration = Path.GetFileName(Path.GetDirectoryName(bin)!);
        return Path.GetFullPath(Path.Combine(bin, "..", "..", "..", "..", "..", "src", "Matchmaker.Server", "bin", configuration, framework, "Matchmaker.Server.dll"));
    }

    public async Task<double> ImportAsync(List<ExporterProfile> exporters, List<BuyerInquiry> inquiries)
    {
        var seconds = await BenchImport.RunAsync(Profiles.ImportExporters(), exporters);
        await BenchImport.RunAsync(Profiles.ImportInquiries(), inquiries);
        return seconds;
    }

    public void Dispose()
    {
        _channel.Dispose();
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        if (_ownsData)
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static async Task<bool> Listens(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private sealed class KeyHandler(string key) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
