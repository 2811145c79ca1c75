using Matchmaker.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchmakerHost();
builder.Services.AddMatchmaker(builder.Configuration);

var app = builder.Build();
app.MapMatchmaker();
app.Run();

/// <summary>The service's entry point; public so in-process tests can host it.</summary>
public partial class Program;
