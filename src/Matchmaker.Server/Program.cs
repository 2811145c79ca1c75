
namespace Matchmaker.Server;

/// <summary>The service's entry point (in-process tests host it through WebApplicationFactory).</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddMatchmakerServer();
        var app = builder.Build();
        app.MapMatchmaker();
        app.Run();
    }
}
