using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>`matchmaker models` lists the server's models; `matchmaker activate VERSION` hot-swaps one in.</summary>
internal static class ModelsCommand
{
    public static async Task<int> ListAsync(Arguments arguments)
    {
        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        var list = await new ModelService.ModelServiceClient(channel).ListModelsAsync(new ListModelsRequest());
        Console.WriteLine($"{"",2}{"version",-28} {"trainer",-22} {"created",-17} {"NDCG@10",8}");
        foreach (var m in list.Models)
        {
            var created = m.CreatedAt is null ? "" : m.CreatedAt.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            var ndcg = m.Metrics.TryGetValue("ndcg@10", out var v) ? v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"{(m.Active ? "* " : "  ")}{m.Version,-28} {m.Trainer,-22} {created,-17} {ndcg,8}");
        }

        return 0;
    }

    public static async Task<int> ActivateAsync(Arguments arguments)
    {
        if (arguments.Positional.Count != 1)
        {
            throw new UsageException("usage: matchmaker activate VERSION   (baseline-v1 returns to the formula)");
        }

        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        var info = await new ModelService.ModelServiceClient(channel).ActivateModelAsync(new ActivateModelRequest { Version = arguments.Positional[0] });
        Console.WriteLine($"{info.Version} is now active");
        return 0;
    }
}
