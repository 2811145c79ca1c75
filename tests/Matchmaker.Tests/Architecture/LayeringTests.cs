using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Matchmaker.Tests.Support;

namespace Matchmaker.Tests.Architecture;

/// <summary>
/// The map in the README holds: Core's areas (its folders) depend on each other without a cycle, the
/// projects reference each other one way, and the server's build carries no training library.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string Core = Path.Combine(RepoPaths.Root, "src", "Matchmaker.Core");

    [Fact]
    public void Cores_areas_depend_on_each_other_without_a_cycle()
    {
        var graph = AreaDependencies();

        Assert.Contains("Serving", graph.Keys);
        Assert.Contains("Store", graph["Serving"]);
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"Core's areas form a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_store_telemetry_and_scheduling_depend_on_no_other_area_and_nothing_depends_on_hosting()
    {
        var graph = AreaDependencies();

        Assert.Empty(graph["Store"]);
        Assert.Empty(graph["Telemetry"]);
        Assert.Empty(graph["Scheduling"]);
        Assert.DoesNotContain(graph, area => area.Key != "Hosting" && area.Value.Contains("Hosting"));
    }

    [Fact]
    public void Projects_reference_each_other_one_way()
    {
        Assert.Empty(ProjectReferences("Matchmaker.Core"));
        Assert.Equal(["Matchmaker.Core"], ProjectReferences("Matchmaker.Contracts"));
        Assert.Equal(["Matchmaker.Core"], ProjectReferences("Matchmaker.Training"));
        Assert.Equal(["Matchmaker.Core"], ProjectReferences("Matchmaker.Scheduling.OrTools"));
        Assert.Equal(["Matchmaker.Core"], ProjectReferences("Matchmaker.Web"));
        Assert.Equal(["Matchmaker.Contracts", "Matchmaker.Scheduling.OrTools", "Matchmaker.Web"], ProjectReferences("Matchmaker.Server"));
        Assert.Equal(["Matchmaker.Contracts", "Matchmaker.Training"], ProjectReferences("Matchmaker.Cli"));
    }

    [Fact]
    public void The_server_ships_no_training_library_and_compiles_no_contract_of_its_own()
    {
        var deps = File.ReadAllText(Path.ChangeExtension(RepoPaths.ServerDll, ".deps.json"));
        using var json = JsonDocument.Parse(deps);
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();

        Assert.Contains(libraries, l => l.StartsWith("Matchmaker.Contracts/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Matchmaker.Training/", StringComparison.Ordinal));
        Assert.DoesNotContain("lightgbm", deps, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Matchmaker.Server"), "*.proto", SearchOption.AllDirectories));
    }

    /// <summary>
    /// Area → the other areas its code names: a using of Matchmaker.X, a name qualified by
    /// Matchmaker.X, or one qualified by X (which resolves to Matchmaker.X inside Core). Comments and
    /// string literals do not count.
    /// </summary>
    private static Dictionary<string, HashSet<string>> AreaDependencies()
    {
        var areas = Directory.GetDirectories(Core).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj")).ToList();
        var graph = areas.ToDictionary(a => a, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var area in areas)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Core, area), "*.cs", SearchOption.AllDirectories))
            {
                var code = CommentsAndStrings().Replace(File.ReadAllText(file), " ");
                foreach (var other in areas.Where(o => o != area))
                {
                    if (Regex.IsMatch(code, $@"(\bMatchmaker\.{other}\b)|((?<![\w.]){other}\.[A-Z])"))
                    {
                        graph[area].Add(other);
                    }
                }
            }
        }

        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph[node].Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return graph.Keys.Order(StringComparer.Ordinal).Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static List<string> ProjectReferences(string project) =>
        [.. XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@?""(?:[^""\\]|\\.|"""")*""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndStrings();
}
