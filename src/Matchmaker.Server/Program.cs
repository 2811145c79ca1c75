
namespace Matchmaker.Server;

/// <summary>The service's entry point (in-process tests host it through WebApplicationFactory).</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static int Main(string[] args)
    {
        try
        {
            // Settings are read once at start: reloading appsettings.json on change would have the host watch its content
            // root's whole tree, and the data folder inside it (the default) with it: an inotify event for every write of
            // the index and the store. A later argument of the same name still wins.
            var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
            UseShippedSettings(builder);
            builder.AddMatchmakerServer();
            var app = builder.Build();
            app.MapMatchmaker();
            app.Run();
            return 0;
        }
        catch (Exception e) when (e is StartupException or Microsoft.Extensions.Options.OptionsValidationException or Store.DataDirectoryInUseException
            && !InTestHost())
        {
            // A setting or the data folder is wrong: one line that says which, not a stack trace.
            Console.Error.WriteLine($"Matchmaker did not start: {e.Message}");
            return 2;
        }
    }

    // The content root is the working folder: started from elsewhere than its project (the dll from the repository
    // root, say), the service would miss its appsettings.json (demo data, log levels). The copy beside the binary is
    // then read, below every other source (environment variables and arguments still win).
    private static void UseShippedSettings(WebApplicationBuilder builder)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")) && File.Exists(shipped))
        {
            var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = shipped, Optional = true };
            source.ResolveFileProvider();
            ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, source);
        }
    }

    // Under WebApplicationFactory, Main runs inside the test process and the test wants the exception itself.
    private static bool InTestHost() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Microsoft.AspNetCore.Mvc.Testing");
}

/// <summary>The service cannot start as configured (an address, a certificate, development mode's loopback rule); the message says which setting.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
