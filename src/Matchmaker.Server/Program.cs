
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
            // Settings are checked before the host starts: it would log each failure with its stack trace first.
            app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            app.Services.GetService<Security.SecurityModeCheck>()?.Check();
            if (!InTestHost())
            {
                Endpoints.CheckPortsFree(app.Services.GetRequiredService<ListenUrls>());
            }

            WarnOfUnknownSettings(app);
            app.MapMatchmaker();
            app.Run();
            return 0;
        }
        catch (Exception e) when (StartupProblem(e) is { } problem && !InTestHost())
        {
            // A setting or the data folder is wrong: one line that says which, not a stack trace.
            Console.Error.WriteLine($"Matchmaker did not start: {problem}");
            return 2;
        }
    }

    /// <summary>A setting under "Matchmaker" that nothing reads is most likely mistyped: said at start, with the nearest name.</summary>
    private static void WarnOfUnknownSettings(WebApplication app)
    {
        foreach (var (key, nearest) in KnownSettings.Unknown(app.Configuration, app.Services.GetServices<KnownSettings>()))
        {
            app.Logger.LogWarning("Unknown setting {Key} is ignored{Hint}", key, nearest is null ? " (the README's Configuration paragraph lists them)" : $": did you mean {nearest}?");
        }
    }

    /// <summary>What a start that failed for a setting or the data folder says (null: another failure, reported as it is).</summary>
    private static string? StartupProblem(Exception e) => e switch
    {
        StartupException or Microsoft.Extensions.Options.OptionsValidationException or Store.DataDirectoryInUseException => e.Message,
        // A value the setting's type cannot take ("abc" for a number): the binder's message names the setting and the type.
        InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => e.Message,
        // Kestrel's bind, when a port was taken after the check before the start.
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } when e.Message.StartsWith("Failed to bind to address ", StringComparison.Ordinal)
            => Endpoints.InUse(e.Message["Failed to bind to address ".Length..].Split(": ", 2)[0]),
        AggregateException a => a.InnerExceptions.Select(StartupProblem).FirstOrDefault(m => m is not null),
        _ => e.InnerException is { } inner ? StartupProblem(inner) : null,
    };

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
