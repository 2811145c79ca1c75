using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Grpc.Core;
using Matchmaker.Cli.Commands;

namespace Matchmaker.Cli;

/// <summary>
/// The command tree on System.CommandLine: every command with its arguments and options, --help on
/// each (and -h, -?), suggestions for a mistyped command or option, and the exit codes
/// (2 bad usage, 3 unreachable or refused server, 4 data refused by the server, 5 not found). A
/// command is declared by its synopsis ("MODEL_DIR [--data FILE] [--explain] [--country CC]…"):
/// UPPER_CASE words are arguments (in brackets: optional), "a|b" an argument with those values,
/// "--x V" an option with a value ("…" after it: may repeat), "--x" a switch.
/// </summary>
internal static partial class CommandLine
{
    private sealed record Spec(string Name, string Synopsis, string Summary, Func<Arguments, Task<int>> Run, bool UsesServer = true);

    private static readonly Spec[] Commands =
    [
        new("demo-data", "[--out DIR] [--seed N] [--exporters N] [--inquiries N] [--as-of YYYY-MM-DD]",
            "write synthetic exporters.jsonl and inquiries.jsonl (same seed and date, same data), and a demo fair: event.json and participants.jsonl",
            a => Task.FromResult(DemoDataCommand.Run(a)), UsesServer: false),
        new("import", "exporters|inquiries|feedback FILE.jsonl",
            "stream records (proto3 JSON, one per line) to the server; bad lines are reported by number, good ones kept", ImportCommand.RunAsync),
        new("upsert", "exporter|inquiry FILE.json [--expected-version N]", "store one record (proto3 JSON) as it is in the file", RecordCommand.UpsertAsync),
        new("delete", "exporter ID [--expected-version N]", "delete an exporter (inquiries are closed instead)", RecordCommand.DeleteAsync),
        new("close", "INQUIRY_ID [--expected-version N]", "close an inquiry: exporters' lists show it no more", RecordCommand.CloseAsync),
        new("preview", "FILE.json [--top N] [--explain] [--json]",
            "match an inquiry or exporter profile that is not stored (a draft), as the portal's preview does", RecordCommand.PreviewAsync),
        new("match", "INQUIRY_ID [--top N] [--explain] [--json] [--country CC]… [--region R]… [--cert C]… [--language L]…",
            "exporters that fit an inquiry (--json: the reply as proto3 JSON, for scripts)", MatchCommand.RunInquiryAsync),
        new("match-exporter", "EXPORTER_ID [--top N] [--explain] [--json] [--buyer-country CC]…", "open inquiries that fit an exporter",
            MatchCommand.RunExporterAsync),
        new("demand-gaps", "--from YYYY-MM-DD --to YYYY-MM-DD [--region R]… [--country CC]… [--top N] [--related N] [--json]",
            "HS headings whose inquiries of a period found no good exporter, with the exporters of related headings (staff)", DemandGapsCommand.RunAsync),
        new("get", "exporter|inquiry ID [--json]", "print a stored record as proto3 JSON (the import format)", GetCommand.RunAsync),
        new("reindex", "[--data DIR]", "rebuild the search index from the record store (refused while a server holds the folder)",
            a => Task.FromResult(ReindexCommand.Run(a)), UsesServer: false),
        new("simulate", "--exporters FILE --inquiries FILE [--out FILE] [--shown N] [--seed N] [--world N] [--as-of YYYY-MM-DD]",
            "SYNTHETIC feedback from simulated buyers over demo data (offline)", a => Task.FromResult(SimulateCommand.Run(a)), UsesServer: false),
        new("export-training-data", "[--out FILE.jsonl] [--served-only] [--no-unshown] [--unshown-per-inquiry N]",
            "labelled pairs: served features joined with feedback, computed rows for history, label-0 rows for candidates never shown",
            ExportTrainingDataCommand.RunAsync),
        new("train", "[--data FILE.jsonl] [--trainer lightgbm|fasttree] [--trees N] [--leaves N] [--learning-rate X] [--min-leaf N] [--seed N] " +
            "[--test-fraction X] [--no-position-weights] [--max-position-weight X] [--weigh-unshown] [--version V] [--out DIR] [--note TEXT]…",
            "train a ranker (data from the server unless --data); writes DIR with report.html", TrainCommand.RunAsync),
        new("evaluate", "MODEL_DIR [--data FILE.jsonl] [--active DIR] [--report FILE.html]",
            "candidate vs active model vs baseline formula on the held-out inquiries", EvaluateCommand.RunAsync),
        new("promote", "MODEL_DIR [--register-only]", "register the model on the server and activate it", PromoteCommand.RunAsync),
        new("models", "", "list the server's models (* = active)", ModelsCommand.ListAsync),
        new("activate", "VERSION", "hot-swap to a registered model (baseline-v1: the formula)", ModelsCommand.ActivateAsync),
    ];

    private static readonly Spec[] KeyCommands =
    [
        new("create", "NAME --role ROLE [--data DIR] [--new]", "a new API key, printed once (only its hash is stored)",
            a => Task.FromResult(KeysCommand.Run(a.After("create"))), UsesServer: false),
        new("list", "[--data DIR]", "every key: name, role, first characters, created, revoked", a => Task.FromResult(KeysCommand.Run(a.After("list"))),
            UsesServer: false),
        new("revoke", "NAME_OR_ID [--data DIR]", "the key stops working at once", a => Task.FromResult(KeysCommand.Run(a.After("revoke"))), UsesServer: false),
    ];

    private static readonly Spec[] EventCommands =
    [
        new("create", "FILE.json", "create an event from proto3 JSON (an Event message); prints its id", a => EventCommand.RunAsync("create", a)),
        new("list", "", "events with their status, days and last schedule", a => EventCommand.RunAsync("list", a)),
        new("show", "EVENT_ID", "the event as JSON", a => EventCommand.RunAsync("show", a)),
        new("status", "EVENT_ID draft|open|scheduled|published|closed", "move the event to a status", a => EventCommand.RunAsync("status", a)),
        new("import", "EVENT_ID FILE", "add participants: FILE.jsonl (Participant messages, one per line) or FILE.csv (a header naming the columns role, id, exporter_id, buyer_id, inquiry_ids, name, organization, languages, min_meetings, max_meetings, fixed_table_id; lists separated by ;)", a => EventCommand.RunAsync("import", a)),
        new("participants", "EVENT_ID [--role buyer|exporter|consultant]", "the event's participants", a => EventCommand.RunAsync("participants", a)),
        new("remove", "EVENT_ID PARTICIPANT_ID [--reason TEXT]", "take a participant out; its meetings are cancelled", a => EventCommand.RunAsync("remove", a)),
        new("request", "EVENT_ID FROM_ID TO_ID [--must] [--message TEXT] [--inquiry ID]", "ask for a meeting", a => EventCommand.RunAsync("request", a)),
        new("respond", "EVENT_ID REQUEST_ID accept|decline [--reason TEXT]", "answer a meeting request", a => EventCommand.RunAsync("respond", a)),
        new("requests", "EVENT_ID [--participant ID] [--status pending|accepted|declined|expired]", "meeting requests",
            a => EventCommand.RunAsync("requests", a)),
        new("block", "EVENT_ID BY_ID OTHER_ID [--met-before] [--note TEXT]", "never schedule this pair", a => EventCommand.RunAsync("block", a)),
        new("suggest", "EVENT_ID PARTICIPANT_ID [--top N]", "counterparts at the event, ranked, with reasons", a => EventCommand.RunAsync("suggest", a)),
        new("schedule", "EVENT_ID [--place-only] [--time-limit SECONDS] [--fairness D] [--ensure-minimum] [--top-per-buyer N] [--dry-run]",
            "solve, with the solver's progress, and save", a => EventCommand.RunAsync("schedule", a)),
        new("meetings", "EVENT_ID [--participant ID] [--all]", "the schedule's meetings", a => EventCommand.RunAsync("meetings", a)),
        new("add-meeting", "EVENT_ID A_ID B_ID [DATE] [START] [TABLE] [--pin]", "add a meeting (placed at DATE YYYY-MM-DD, START HH:MM local, TABLE id such as T03; or left to the solver)",
            a => EventCommand.RunAsync("add-meeting", a)),
        new("move", "EVENT_ID MEETING_ID DATE START TABLE", "move a meeting to DATE (YYYY-MM-DD), START (HH:MM, the event's local time) and TABLE (its id, e.g. T03)",
            a => EventCommand.RunAsync("move", a)),
        new("pin", "EVENT_ID MEETING_ID", "keep a meeting where it is on re-runs", a => EventCommand.RunAsync("pin", a)),
        new("unpin", "EVENT_ID MEETING_ID", "let re-runs move a meeting again", a => EventCommand.RunAsync("unpin", a)),
        new("confirm", "EVENT_ID MEETING_ID", "confirm a meeting", a => EventCommand.RunAsync("confirm", a)),
        new("cancel", "EVENT_ID MEETING_ID --reason TEXT", "cancel a meeting", a => EventCommand.RunAsync("cancel", a)),
        new("outcome", "EVENT_ID MEETING_ID [--by ID] [--held] [--no-show] [--rating N] [--follow-up] [--contract USD] [--note TEXT]",
            "record what happened at a meeting (rating 1-5, 0: none)", a => EventCommand.RunAsync("outcome", a)),
        new("agenda", "EVENT_ID [PARTICIPANT_ID] [--ics FILE.ics]", "print an agenda; write the iCalendar file", a => EventCommand.RunAsync("agenda", a)),
        new("grid", "EVENT_ID --out FILE.html", "the printable slots x tables page", a => EventCommand.RunAsync("grid", a)),
        new("csv", "EVENT_ID [--out FILE.csv]", "every meeting, for spreadsheets", a => EventCommand.RunAsync("csv", a)),
        new("kpis", "[EVENT_ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv FILE.csv] [--months-csv FILE.csv]", "an event's KPIs, or a period's across events (and by month)",
            a => EventCommand.RunAsync("kpis", a)),
    ];

    /// <summary>What each positional argument is ("command.NAME" first, then "NAME"), for --help.</summary>
    private static readonly Dictionary<string, string> ArgumentHelp = new(StringComparer.Ordinal)
    {
        ["exporters|inquiries|feedback"] = "what the file holds",
        ["import.FILE.jsonl"] = "the records, one proto3 JSON object per line, UTF-8 (as demo-data writes them)",
        ["import.FILE"] = "the participants: JSON lines, or CSV when the name ends in .csv",
        ["exporter|inquiry"] = "the record's kind",
        ["upsert.FILE.json"] = "the record, in proto3 JSON",
        ["preview.FILE.json"] = "an inquiry or exporter profile in proto3 JSON, matched without being stored",
        ["delete.exporter"] = "the record's kind (only exporters are deleted; inquiries are closed)",
        ["create.FILE.json"] = "the event, in JSON",
        ["ID"] = "the record's id",
        ["INQUIRY_ID"] = "a stored inquiry's id",
        ["EXPORTER_ID"] = "a stored exporter's id",
        ["MODEL_DIR"] = "a trained model's folder (as train writes it)",
        ["VERSION"] = "a registered model's version (see models)",
        ["NAME"] = "the key's name (who uses it)",
        ["NAME_OR_ID"] = "the key's name or id",
        ["EVENT_ID"] = "the event's id (see event list)",
        ["draft|open|scheduled|published|closed"] = "the event's new status",
        ["PARTICIPANT_ID"] = "a participant's id in the event",
        ["FROM_ID"] = "the participant asking for the meeting",
        ["TO_ID"] = "the participant asked",
        ["REQUEST_ID"] = "the request's id (see event requests)",
        ["accept|decline"] = "the answer",
        ["BY_ID"] = "the participant who asks that the two not meet",
        ["OTHER_ID"] = "the participant they are not to meet",
        ["A_ID"] = "one participant",
        ["B_ID"] = "the other participant",
        ["DATE"] = "the day, YYYY-MM-DD",
        ["START"] = "the slot's start, HH:MM in the event's time zone (9:30 or 09:30)",
        ["TABLE"] = "the table's id, as the event names its tables",
        ["MEETING_ID"] = "the meeting's id (see event meetings)",
    };

    // What an option means, wherever it appears (the synopsis gives its value's shape).
    private static readonly Dictionary<string, string> OptionHelp = new(StringComparer.Ordinal)
    {
        ["top"] = "how many to list (default 10, at most 500)",
        ["explain"] = "reasons on every match (always on for the first 3)",
        ["json"] = "the reply as proto3 JSON with every field, for scripts",
        ["country"] = "only exporters from this country (ISO alpha-2; repeat for any of several)",
        ["region"] = "only exporters from this region (ISO 3166-2; repeat for any of several)",
        ["cert"] = "only exporters holding this certification (repeat: all of them)",
        ["language"] = "only exporters speaking this language (ISO 639-1; repeat for any of several)",
        ["buyer-country"] = "only inquiries from buyers in this country (repeat for any of several)",
        ["expected-version"] = "write only if the stored version is this one (0: must not exist yet)",
        ["data"] = "the server's data folder (default $MATCHMAKER__DATADIRECTORY, else ./data; with dotnet run from the repository: src/Matchmaker.Server/data)",
        ["train.data"] = "a training-data file (JSONL from export-training-data) instead of asking the server",
        ["evaluate.data"] = "a training-data file (JSONL from export-training-data) instead of asking the server",
        ["must"] = "a must-meet request (the schedule places it or says why it cannot)",
        ["message"] = "a note to the other side",
        ["inquiry"] = "the buyer's inquiry this request is about",
        ["met-before"] = "the pair met before (the reason for the block)",
        ["place-only"] = "keep the chosen meetings, only place them (slots and tables)",
        ["fairness"] = "at most this difference between any two participants' break counts (a break: idle slots between two meetings of a session)",
        ["ensure-minimum"] = "give every participant its wanted minimum of meetings where possible",
        ["top-per-buyer"] = "candidate counterparts considered per buyer",
        ["dry-run"] = "solve and print, do not save",
        ["all"] = "cancelled and declined meetings too",
        ["pin"] = "pin the meeting where it is placed",
        ["held"] = "the meeting was held",
        ["no-show"] = "a side did not come",
        ["rating"] = "how useful it was, 1–5 (0: no rating)",
        ["follow-up"] = "the sides agreed to follow up",
        ["contract"] = "a contract was signed, worth this many USD",
        ["by"] = "the participant reporting the outcome",
        ["ics"] = "also write the agenda as an iCalendar file",
        ["csv"] = "also write the figures as CSV",
        ["months-csv"] = "also write the period's months (across every event) as CSV",
        ["from"] = "the period's first day",
        ["to"] = "the period's last day",
        ["status"] = "only requests with this status",
        ["out"] = "where to write",
        ["seed"] = "random seed: the same seed gives the same result",
        ["as-of"] = "the date the data is drawn as of (default today, UTC)",
        ["role"] = "the key's role: portal, staff, data-scientist or admin",
        ["participants.role"] = "only participants of this role",
        ["demand-gaps.region"] = "exporters of this region count as supply (ISO 3166-2, e.g. RU-KHA; repeat for any of several)",
        ["demand-gaps.country"] = "exporters of this country count as supply (ISO alpha-2; repeat for any of several)",
        ["demand-gaps.top"] = "how many headings to list (default 20, at most 200)",
        ["demand-gaps.from"] = "inquiries created on or after this day (UTC)",
        ["demand-gaps.to"] = "inquiries created on or before this day (UTC)",
        ["related"] = "exporters of related headings per heading (default 10)",
        ["new"] = "the data folder has no store yet (before the server's first start): create it",
        ["reason"] = "why, in words (kept with the record)",
        ["note"] = "a note kept with the record",
        ["report"] = "where to write the HTML report",
        ["active"] = "compare with this model folder instead of the server's active model",
        ["participant"] = "only this participant's",
        ["time-limit"] = "stop the solver after this many seconds (best schedule so far, with its bound)",
        ["close.expected-version"] = "close only if the stored version is this one",
        ["delete.expected-version"] = "delete only if the stored version is this one",
        ["demo-data.out"] = "the folder to write into (default ./demo-data; created if missing)",
        ["demo-data.exporters"] = "how many exporters (default 3000, the server's demo)",
        ["demo-data.inquiries"] = "how many inquiries (default 600, the server's demo)",
        ["simulate.exporters"] = "the exporters file (JSONL, as demo-data writes it)",
        ["simulate.inquiries"] = "the inquiries file (JSONL, as demo-data writes it)",
        ["simulate.out"] = "the feedback file to write (default feedback.jsonl beside the inquiries)",
        ["shown"] = "how many exporters the simulated portal shows per inquiry (default 20)",
        ["world"] = "another drawn world of buyers' hidden tastes (default 0: the demo world)",
        ["served-only"] = "only pairs the service served (no rows computed for history)",
        ["no-unshown"] = "no label-0 rows for candidates never shown",
        ["unshown-per-inquiry"] = "label-0 rows of never-shown candidates per inquiry (default 100)",
        ["trainer"] = "lightgbm (LambdaRank, default) or fasttree (LambdaMART)",
        ["trees"] = "boosting rounds (default 300)",
        ["leaves"] = "leaves per tree (default 15)",
        ["learning-rate"] = "shrinkage per tree (default 0.05)",
        ["min-leaf"] = "fewest rows in a leaf (default 20)",
        ["test-fraction"] = "share of inquiries held out for evaluation (default 0.2)",
        ["no-position-weights"] = "do not weigh rows by the chance they were looked at",
        ["max-position-weight"] = "the largest position weight a row gets (default 3)",
        ["weigh-unshown"] = "never-shown candidates weigh the chance they would have been looked at (off by default)",
        ["version"] = "the model's version (default lgbm- or fasttree- and the time)",
        ["train.out"] = "the model's folder (default trained-models/VERSION)",
        ["train.note"] = "a note kept in the model's metadata (repeat for several)",
        ["register-only"] = "register the model without activating it",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        // "matchmaker help [COMMAND…]", as many tools take it: the same as "matchmaker [COMMAND…] --help".
        if (args is ["help", ..])
        {
            args = [.. args[1..], "--help"];
        }

        var root = new RootCommand("matchmaker — the command line of the Matchmaker service (buyer–exporter matchmaking).\n" +
            "Commands that call the service take --server URL (default $MATCHMAKER_SERVER or http://localhost:5080), --api-key KEY " +
            "($MATCHMAKER_API_KEY) and --token JWT ($MATCHMAKER_TOKEN). Exit codes: 0 done, 1 some lines or records refused, 2 bad usage, " +
            "3 service unreachable or call refused, 4 data refused by the service, 5 not found.");
        foreach (var spec in Commands)
        {
            root.Subcommands.Add(Build(spec));
        }

        var events = new Command("event", "1:1 meeting events for staff: create, participants, requests, the schedule, agendas, outcomes, KPIs");
        foreach (var spec in EventCommands)
        {
            events.Subcommands.Add(Build(spec));
        }

        root.Subcommands.Add(events);
        var keys = new Command("keys", "API keys, on the server's data folder (beside a running server): create, list, revoke");
        foreach (var spec in KeyCommands)
        {
            keys.Subcommands.Add(Build(spec));
        }

        root.Subcommands.Add(keys);
        var configuration = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var result = root.Parse(args, configuration);
        if (args.Any(HelpTokens.Contains))
        {
            // "matchmaker help nosuch", "matchmaker nosuch --help": help for a word that is no command is a typo like any
            // other (System.CommandLine would print the nearest command's help and exit 0).
            var withoutHelp = root.Parse([.. args.Where(a => !HelpTokens.Contains(a))], configuration);
            if (withoutHelp.UnmatchedTokens.Count > 0)
            {
                result = withoutHelp;
            }
        }

        var where = Path(result.CommandResult).ToList();
        if (result.Errors.Count > 0 && result.UnmatchedTokens.Count == 0 && result.Tokens.Count == where.Count
            && (result.CommandResult.Command == root || result.CommandResult.Command == events || result.CommandResult.Command == keys))
        {
            // A bare "matchmaker" or "matchmaker event": the list of commands, and "bad usage".
            await root.Parse([.. where, "--help"]).InvokeAsync();
            return 2;
        }

        if (result.Errors.Count > 0)
        {
            // With a suggestion for a mistyped word, the errors about the words after it (its value, the
            // command's arguments) and "Required command was not provided" only distract.
            var hints = Suggestions(result).ToList();
            var errors = hints.Count == 0
                ? result.Errors.Where(e => result.UnmatchedTokens.Count == 0 || e.Message != "Required command was not provided.")
                : result.Errors.Where(e => hints.Any(h => e.Message.Contains($"'{h.Token}'", StringComparison.Ordinal)));
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"matchmaker: {Said(error)}");
            }

            foreach (var (_, hint) in hints)
            {
                Console.Error.WriteLine(hint);
            }

            Console.Error.WriteLine($"run 'matchmaker {(where.Count > 0 ? string.Join(' ', where) + " " : "")}--help' for its usage");
            return 2;
        }

        return await result.InvokeAsync();
    }

    /// <summary>A parse error in the command's own words: a missing argument is named (System.CommandLine names only the command).</summary>
    private static string Said(ParseError error) =>
        error.SymbolResult is ArgumentResult { Argument: { } argument, Parent: CommandResult command }
            && error.Message.StartsWith("Required argument missing", StringComparison.Ordinal)
            ? $"missing {Placeholder(argument)} (usage: matchmaker {string.Join(' ', Path(command))} {string.Join(' ', command.Command.Arguments.Select(Placeholder))} …)"
            : error.Message;

    private static string Placeholder(Argument argument) =>
        argument.Arity.MinimumNumberOfValues > 0 ? $"<{argument.HelpName ?? argument.Name}>" : $"[<{argument.HelpName ?? argument.Name}>]";

    /// <summary>An option's or argument's line in --help: "command.name" first, then "name".</summary>
    private static string? Help(Dictionary<string, string> help, string command, string name) =>
        help.GetValueOrDefault($"{command}.{name}") ?? help.GetValueOrDefault(name);

    private static Command Build(Spec spec)
    {
        var command = new Command(spec.Name, spec.Summary);
        var positional = new List<Argument<string>>();
        var options = new List<(string Name, Option Option, bool Repeats, bool Switch)>();
        foreach (Match m in Token().Matches(spec.Synopsis))
        {
            var optional = m.Groups["open"].Success;
            if (m.Groups["option"].Success)
            {
                var name = m.Groups["option"].Value;
                var value = m.Groups["value"].Success ? m.Groups["value"].Value : null;
                var repeats = m.Groups["repeat"].Success;
                Option option = value is null
                    ? new Option<bool>("--" + name) { Description = Help(OptionHelp, spec.Name, name) }
                    : repeats
                        ? new Option<string[]>("--" + name)
                        {
                            HelpName = value, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore, Description = Help(OptionHelp, spec.Name, name),
                        }
                        : new Option<string>("--" + name) { HelpName = value, Description = Help(OptionHelp, spec.Name, name) };
                if (!optional && value is not null)
                {
                    option.Required = true;
                }

                command.Options.Add(option);
                options.Add((name, option, repeats, value is null));
            }
            else
            {
                var name = m.Groups["argument"].Value;
                var argument = new Argument<string>(name)
                {
                    Arity = optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
                    Description = Help(ArgumentHelp, spec.Name, name),
                };
                if (name.Contains('|', StringComparison.Ordinal))
                {
                    argument.AcceptOnlyFromAmong(name.Split('|'));
                    argument.HelpName = name;
                }

                command.Arguments.Add(argument);
                positional.Add(argument);
            }
        }

        if (spec.UsesServer)
        {
            var server = new Option<string>("--server") { HelpName = "URL", Description = "the service (default $MATCHMAKER_SERVER or http://localhost:5080)" };
            var key = new Option<string>("--api-key") { HelpName = "KEY", Description = "the caller's API key, sent as x-api-key (default $MATCHMAKER_API_KEY)" };
            var token = new Option<string>("--token") { HelpName = "JWT", Description = "a bearer token from the identity provider (default $MATCHMAKER_TOKEN)" };
            command.Options.Add(server);
            command.Options.Add(key);
            command.Options.Add(token);
            options.Add(("server", server, false, false));
            options.Add(("api-key", key, false, false));
            options.Add(("token", token, false, false));
        }

        command.SetAction(async (result, cancellation) =>
        {
            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var switches = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, option, repeats, isSwitch) in options)
            {
                if (result.GetResult(option) is not { Implicit: false } given)
                {
                    continue;
                }

                if (isSwitch)
                {
                    if (result.GetValue((Option<bool>)option))
                    {
                        switches.Add(name);
                    }
                }
                else
                {
                    values[name] = repeats ? [.. result.GetValue((Option<string[]>)option) ?? []] : [result.GetValue((Option<string>)option)!];
                }
            }

            var arguments = new Arguments(positional.Select(result.GetValue).OfType<string>().ToList(), values, switches);
            return await Guarded(() => spec.Run(arguments));
        });
        return command;
    }

    /// <summary>What a command's failure means, as an exit code and one readable message.</summary>
    private static async Task<int> Guarded(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"matchmaker: {e.Message}");
            return 2;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"matchmaker: {Server.Describe(e)}");
            return Server.ExitCode(e);
        }
        catch (DirectoryNotFoundException e)
        {
            Console.Error.WriteLine($"matchmaker: {e.Message} (its folder does not exist: create it first, or give another path)");
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"matchmaker: {e.Message}");
            return 2;
        }
        catch (UnauthorizedAccessException e)
        {
            // An output path that is a folder, or a place this user may not write: said, not a stack trace.
            Console.Error.WriteLine($"matchmaker: {e.Message} (a folder where a file is wanted, or a place this user may not write: give a file's path)");
            return 2;
        }
    }

    /// <summary>The words System.CommandLine takes for help.</summary>
    private static readonly string[] HelpTokens = ["--help", "-h", "-?", "/h", "/?"];

    /// <summary>
    /// "did you mean …?" for each unmatched word (the nearest command or option of where it stood) and for each
    /// argument outside its allowed values ("import exporter": the nearest of exporters, inquiries, feedback).
    /// </summary>
    private static IEnumerable<(string Token, string Hint)> Suggestions(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var words = result.UnmatchedTokens.Distinct().Select(token => (token, token.StartsWith('-')
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Select(c => c.Name)));
        var values = result.Errors.Select(e => NotAmong().Match(e.Message)).Where(m => m.Success)
            .Select(m => (m.Groups["token"].Value, m.Groups["allowed"].Captures.Select(c => c.Value)));
        foreach (var (token, candidates) in words.Concat(values))
        {
            var best = candidates.Select(c => (Name: c, Distance: EditDistance.Between(token, c))).OrderBy(c => c.Distance).FirstOrDefault();
            if (best.Name is not null && best.Distance <= Math.Max(2, token.Length / 3))
            {
                yield return (token, $"did you mean '{best.Name}' (not '{token}')?");
            }
        }
    }

    // System.CommandLine's "Argument 'x' not recognized. Must be one of:\n\t'a'\n\t'b'".
    [GeneratedRegex(@"^Argument '(?<token>[^']*)' not recognized\. Must be one of:(?:\s*'(?<allowed>[^']*)')+")]
    private static partial Regex NotAmong();

    private static List<string> Path(CommandResult? result)
    {
        var names = new List<string>();
        for (var r = result; r?.Parent is CommandResult parent; r = parent)
        {
            names.Add(r.Command.Name);
        }

        names.Reverse();
        return names;
    }

    // [--name VALUE]…  |  --name VALUE  |  [--name]  |  [NAME]  |  NAME  |  a|b|c
    [GeneratedRegex(@"(?<open>\[)?(?:--(?<option>[a-z][a-z-]*)(?: (?<value>[A-Z0-9][A-Za-z0-9_.|-]*|[a-z]+(?:\|[a-z-]+)+))?|(?<argument>[A-Za-z0-9_.]+(?:\|[A-Za-z0-9_.-]+)*))\]?(?<repeat>…)?")]
    private static partial Regex Token();
}
