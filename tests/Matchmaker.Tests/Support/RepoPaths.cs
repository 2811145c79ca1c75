namespace Matchmaker.Tests.Support;

/// <summary>Where the built server and CLI are, next to this test assembly's build (same configuration).</summary>
public static class RepoPaths
{
    private static readonly string TestBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);

    // tests/Matchmaker.Tests/bin/<Configuration>/<tfm>
    private static readonly string Framework = Path.GetFileName(TestBin);
    private static readonly string Configuration = Path.GetFileName(Path.GetDirectoryName(TestBin)!);

    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestBin, "..", "..", "..", "..", ".."));

    public static string ServerDll => Built("Matchmaker.Server", "Matchmaker.Server.dll");

    public static string CliDll => Built("Matchmaker.Cli", "matchmaker.dll");

    /// <summary>The shared reference data beside the repository, when present (tests may read it, never need it).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string Built(string project, string file)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, Framework, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{file} is not built; run 'dotnet build' on Matchmaker.sln", path);
    }
}
