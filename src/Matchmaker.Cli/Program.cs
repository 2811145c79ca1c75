using Grpc.Core;
using Matchmaker.Cli;
using Matchmaker.Cli.Commands;

const string Usage = """
    matchmaker — the command line of the Matchmaker service

    usage: matchmaker <command> [arguments] [--server URL]

    commands:
      demo-data [--out DIR] [--seed N] [--exporters N] [--inquiries N] [--as-of YYYY-MM-DD]
                    write synthetic exporters.jsonl and inquiries.jsonl (same seed and date, same data),
                    and a demo fair: event.json and participants.jsonl
      import exporters FILE.jsonl     stream exporter profiles (proto3 JSON, one per line) to the server
      import inquiries FILE.jsonl     stream buyer inquiries to the server
      import feedback FILE.jsonl      stream feedback events (history: meetings, contacts, contracts)
      match INQUIRY_ID [--top N] [--explain] [--json] [--country CC]… [--region R]… [--cert C]… [--language L]…
                    exporters that fit an inquiry (--json: the reply as proto3 JSON, for scripts)
      match-exporter EXPORTER_ID [--top N] [--explain] [--json] [--buyer-country CC]…
                    open inquiries that fit an exporter
      get exporter|inquiry ID [--json]   print a stored record as proto3 JSON (the import format)
      reindex [--data DIR]            rebuild the search index from the record store (server stopped)

    access (on the server's data folder; with no key the server is in development mode: loopback only):
      keys create NAME --role portal|staff|data-scientist|admin [--data DIR]
                    a new API key, printed once (only its hash is stored)
      keys list [--data DIR]          every key: name, role, first characters, created, revoked
      keys revoke NAME|ID [--data DIR]   the key stops working at once

    ranking models (for data scientists):
      simulate --exporters FILE --inquiries FILE [--out FILE] [--shown N] [--seed N] [--world N] [--as-of DATE]
                    SYNTHETIC feedback from simulated buyers over demo data (offline; see README)
      export-training-data [--out FILE.jsonl] [--served-only] [--no-unshown] [--unshown-per-inquiry 100]
                    labelled pairs: served features joined with feedback, computed rows for history,
                    and label-0 rows for retrieved candidates the buyer never saw
      train [--data FILE.jsonl] [--trainer lightgbm|fasttree] [--trees 300] [--leaves 15] [--learning-rate 0.05]
            [--min-leaf 20] [--seed 42] [--test-fraction 0.2]
            [--no-position-weights] [--max-position-weight 3] [--weigh-unshown] [--version V] [--out DIR] [--note TEXT]
                    train a ranker (data from the server unless --data); writes DIR with report.html
      evaluate MODEL_DIR [--data FILE.jsonl] [--active DIR] [--report FILE.html]
                    candidate vs active model vs baseline formula on the held-out inquiries
      promote MODEL_DIR [--register-only]   register the model on the server and activate it
      models                          list the server's models (* = active)
      activate VERSION                hot-swap to a registered model (baseline-v1: the formula)

    1:1 meeting events (for staff): matchmaker event --help lists the event commands
      event create|list|show|status|import|participants|remove|request|respond|requests|block|suggest
            schedule|meetings|add-meeting|move|pin|unpin|confirm|cancel|outcome|agenda|grid|csv|kpis

    --server URL    the service (default $MATCHMAKER_SERVER or http://localhost:5080)
    --api-key KEY   the caller's key, sent as header x-api-key (default $MATCHMAKER_API_KEY)
    exit codes: 0 done, 1 some records failed, 2 bad usage or input, 3 the server is unreachable or
    refused the caller, 4 the server refused the data (invalid, or a rule or version check), 5 not found
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] != "event" && args.Skip(1).Any(a => a is "-h" or "--help"))
{
    // `matchmaker CMD --help`: that command's lines of the usage, not "--help needs a value".
    var lines = CommandHelp(Usage, args[0]);
    Console.WriteLine(lines.Count > 0 ? string.Join('\n', lines) : $"matchmaker: unknown command '{args[0]}'; 'matchmaker --help' lists them");
    return lines.Count > 0 ? 0 : 2;
}

try
{
    var rest = args.Skip(1);
    return args[0] switch
    {
        "event" => await EventCommand.RunAsync([.. rest]),
        "demo-data" => DemoDataCommand.Run(new Arguments(rest, new HashSet<string>())),
        "import" => await ImportCommand.RunAsync(new Arguments(rest, new HashSet<string>())),
        "match" => await MatchCommand.RunInquiryAsync(new Arguments(rest, new HashSet<string> { "explain", "json" })),
        "match-exporter" => await MatchCommand.RunExporterAsync(new Arguments(rest, new HashSet<string> { "explain", "json" })),
        "get" => await GetCommand.RunAsync(new Arguments(rest, new HashSet<string> { "json" })),
        "reindex" => ReindexCommand.Run(new Arguments(rest, new HashSet<string>())),
        "keys" => KeysCommand.Run(new Arguments(rest, new HashSet<string>())),
        "simulate" => SimulateCommand.Run(new Arguments(rest, new HashSet<string>())),
        "export-training-data" => await ExportTrainingDataCommand.RunAsync(new Arguments(rest, new HashSet<string> { "served-only", "no-unshown" })),
        "train" => await TrainCommand.RunAsync(new Arguments(rest, new HashSet<string> { "no-position-weights", "weigh-unshown" })),
        "evaluate" => await EvaluateCommand.RunAsync(new Arguments(rest, new HashSet<string>())),
        "promote" => await PromoteCommand.RunAsync(new Arguments(rest, new HashSet<string> { "register-only" })),
        "models" => await ModelsCommand.ListAsync(new Arguments(rest, new HashSet<string>())),
        "activate" => await ModelsCommand.ActivateAsync(new Arguments(rest, new HashSet<string>())),
        _ => throw new UsageException($"unknown command '{args[0]}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"matchmaker: {e.Message}");
    Console.Error.WriteLine("run 'matchmaker --help' for the commands");
    return 2;
}
catch (RpcException e)
{
    Console.Error.WriteLine($"matchmaker: {Server.Describe(e)}");
    return Server.ExitCode(e);
}
catch (IOException e)
{
    Console.Error.WriteLine($"matchmaker: {e.Message}");
    return 2;
}

// A command's entry in the usage: its line(s) and the indented lines that continue them.
static List<string> CommandHelp(string usage, string command)
{
    var lines = usage.Split('\n');
    var result = new List<string>();
    for (var i = 0; i < lines.Length; i++)
    {
        var trimmed = lines[i].TrimStart();
        var indent = lines[i].Length - trimmed.Length;
        if (indent != 2 || !(trimmed == command || trimmed.StartsWith(command + " ", StringComparison.Ordinal)))
        {
            continue;
        }

        result.Add("usage: matchmaker " + trimmed);
        while (i + 1 < lines.Length && lines[i + 1].Length - lines[i + 1].TrimStart().Length > 2 && lines[i + 1].Trim().Length > 0)
        {
            result.Add(lines[++i]);
        }
    }

    return result;
}
