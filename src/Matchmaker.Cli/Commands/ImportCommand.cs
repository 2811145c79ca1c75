using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Matchmaker.Mapping;
using Matchmaker.V1;

namespace Matchmaker.Cli.Commands;

/// <summary>
/// `matchmaker import exporters|inquiries|feedback FILE.jsonl`: parses proto3 JSON lines and streams them
/// through the import rpc, so the server validates and stores. Lines that are not valid JSON are
/// reported here; records the server rejects are reported with their line numbers too.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Longer lines are reported and not sent (a valid record is far smaller).</summary>
    internal const int MaxLineCharacters = 4 * 1024 * 1024;

    public static async Task<int> RunAsync(Arguments arguments)
    {
        if (arguments.Positional.Count != 2 || arguments.Positional[0] is not ("exporters" or "inquiries" or "feedback"))
        {
            throw new UsageException("usage: matchmaker import exporters|inquiries|feedback FILE.jsonl");
        }

        var path = arguments.Positional[1];
        if (!File.Exists(path))
        {
            throw new UsageException(Text.NotAFile(path));
        }

        using var channel = Server.Connect(arguments);
        arguments.EnsureAllRead();
        var client = new ProfileService.ProfileServiceClient(channel);
        return arguments.Positional[0] switch
        {
            "exporters" => await ImportAsync(path, "exporters", client.ImportExporters(), ExporterProfile.Parser),
            "inquiries" => await ImportAsync(path, "inquiries", client.ImportInquiries(), BuyerInquiry.Parser),
            _ => await ImportAsync(path, "feedback events", new MatchService.MatchServiceClient(channel).RecordFeedbackStream(), V1.Feedback.Parser),
        };
    }

    /// <summary>A line of the file that is not sent, and why (the rest of the file goes on).</summary>
    internal sealed class LineRefused(string message) : Exception(message);

    /// <param name="prepare">Fills in what the file may leave out (an event id), before the message is sent.</param>
    internal static Task<int> ImportAsync<T>(string path, string what, AsyncClientStreamingCall<T, ImportSummary> call, MessageParser<T> parser,
        Action<T>? prepare = null)
        where T : IMessage<T> =>
        ImportRecordsAsync(path, what, call, JsonRecords(path, parser, prepare));

    /// <summary>The file's proto3-JSON lines, each read when its turn comes (blank lines skipped).</summary>
    private static IEnumerable<(long Line, Func<T> Read)> JsonRecords<T>(string path, MessageParser<T> parser, Action<T>? prepare)
        where T : IMessage<T>
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return (line, () =>
            {
                // A line this long cannot be a valid record (texts are at most 20,000 characters); sent, it
                // would exceed the server's message limit and end the whole stream.
                if (text.Length > MaxLineCharacters)
                {
                    throw new LineRefused($"{text.Length:N0} characters; a record is at most {MaxLineCharacters:N0} (not sent)");
                }

                // The reader turns bytes that are not UTF-8 into U+FFFD: such a line is refused, not stored garbled.
                if (text.Contains('\uFFFD', StringComparison.Ordinal))
                {
                    throw new LineRefused("not valid UTF-8 (the file must be UTF-8 text; not sent)");
                }

                T message;
                try
                {
                    message = parser.ParseJson(text);
                }
                catch (Exception e) when (ProtoJson.NotTheMessage(e))
                {
                    throw new LineRefused($"not a valid {typeof(T).Name} in proto3 JSON: {JsonLines.Why(parser, text, e).Shortened()}{OtherKind<T>(text)}");
                }

                prepare?.Invoke(message);
                return message;
            });
        }
    }

    /// <summary>The kinds of record files the CLI imports, and the command for each.</summary>
    private static readonly (Type Type, MessageParser Parser, string Kind, string Command)[] Kinds =
    [
        (typeof(ExporterProfile), ExporterProfile.Parser, "an exporter", "matchmaker import exporters FILE"),
        (typeof(BuyerInquiry), BuyerInquiry.Parser, "an inquiry", "matchmaker import inquiries FILE"),
        (typeof(V1.Feedback), V1.Feedback.Parser, "a feedback event", "matchmaker import feedback FILE"),
        (typeof(V1.Participant), V1.Participant.Parser, "an event participant", "matchmaker event import EVENT_ID FILE"),
    ];

    /// <summary>
    /// A line that is not a <typeparamref name="T"/> but reads as another kind (a file of inquiries given as
    /// exporters, say): " (it reads as an inquiry: matchmaker import inquiries FILE)"; otherwise nothing.
    /// </summary>
    private static string OtherKind<T>(string text)
    {
        foreach (var (type, parser, kind, command) in Kinds)
        {
            if (type == typeof(T))
            {
                continue;
            }

            try
            {
                parser.ParseJson(text);
                return $" (it reads as {kind}: {command})";
            }
            catch (Exception e) when (ProtoJson.NotTheMessage(e))
            {
                // Not this kind either.
            }
        }

        return "";
    }

    /// <summary>Streams the records through the import call, with progress by line; lines refused here and records the server refuses are reported by line number.</summary>
    internal static async Task<int> ImportRecordsAsync<T>(string path, string what, AsyncClientStreamingCall<T, ImportSummary> call,
        IEnumerable<(long Line, Func<T> Read)> records)
        where T : IMessage<T>
    {
        var clock = Stopwatch.StartNew();
        var total = File.ReadLines(path).LongCount();
        var progress = new Progress($"importing {what}", total);
        var lineOfIndex = new List<long>();
        var parseErrors = new List<(long Line, string Text)>();
        long line = 0;
        using (call)
        {
            foreach (var (at, read) in records)
            {
                line = at;
                T message;
                try
                {
                    message = read();
                }
                catch (LineRefused e)
                {
                    parseErrors.Add((line, $"line {line}: {e.Message}"));
                    continue;
                }

                lineOfIndex.Add(line);
                try
                {
                    await call.RequestStream.WriteAsync(message);
                }
                catch (Exception e) when (e is RpcException or IOException or InvalidOperationException)
                {
                    throw Broken(line, lineOfIndex.Count, e);
                }

                progress.Report(line);
            }

            ImportSummary summary;
            try
            {
                await call.RequestStream.CompleteAsync();
                summary = await call;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException || (e is RpcException r && r.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled))
            {
                throw Broken(line, lineOfIndex.Count, e);
            }
            progress.Report(total);
            progress.Done();

            // The lines refused here and those the server refused, in the file's order; a wrong file (inquiries given
            // as exporters, say) would otherwise fill the terminal with thousands of the same line.
            var problems = parseErrors.Concat(summary.Errors.Select(error =>
            {
                var at = error.Index < lineOfIndex.Count ? lineOfIndex[(int)error.Index] : -1;
                return (Line: at, Text: $"line {at}{(error.Id.Length > 0 ? $" ({error.Id})" : "")}: {error.Field}: {error.Reason}");
            })).OrderBy(p => p.Line).ToList();
            foreach (var (_, text) in problems.Take(MaxProblemsShown))
            {
                Console.Error.WriteLine(text);
            }

            if (problems.Count > MaxProblemsShown)
            {
                Console.Error.WriteLine($"… and {problems.Count - MaxProblemsShown:N0} more problems (the first {MaxProblemsShown} are listed)");
            }

            if (summary.ErrorsTruncated)
            {
                Console.Error.WriteLine($"… the server listed only the first {summary.Errors.Count} problems");
            }

            var failed = parseErrors.Count + summary.Failed;
            var seconds = clock.Elapsed.TotalSeconds;
            if (summary.Received + parseErrors.Count == 0)
            {
                Console.Error.WriteLine($"{path} holds no records (it is empty or blank): nothing was imported");
            }

            Console.WriteLine(
                $"imported {summary.Imported:N0} {Text.Counted(summary.Imported, what)} of {summary.Received + parseErrors.Count:N0} {Text.Counted(summary.Received + parseErrors.Count, "records")} from {Path.GetFileName(path)}" +
                $" in {seconds:0.0} s ({summary.Imported / Math.Max(seconds, 0.001):N0}/s); {failed:N0} failed" +
                (summary.Unchanged > 0 ? $"; {summary.Unchanged:N0} unchanged (stored as they are already: no new version)" : "") +
                (summary.Imported > 0 ? $" ({(what == "feedback events" ? "feedback log" : "change log")} at {summary.LastSequence})" : ""));
            return failed > 0 ? 1 : 0;
        }
    }

    /// <summary>The server went away in the middle of an import stream (its detail says where, and what is stored).</summary>
    internal sealed class StoppedAnswering(Status status) : RpcException(status);

    /// <summary>The refused lines an import lists at most (the count says how many more).</summary>
    internal const int MaxProblemsShown = 100;

    // The server went away mid-stream: say what may be stored, and that running the import again is safe. One that was
    // never reached (refused at the first record) stored nothing: that is said as for any other command.
    private static RpcException Broken(long line, int sent, Exception e) =>
        (sent <= 1 && e is RpcException { StatusCode: StatusCode.Unavailable }) || e is RpcException { StatusCode: not (StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled) }
            ? (RpcException)e
            : new StoppedAnswering(new Status(StatusCode.Unavailable,
            $"at line {line:N0}, {sent:N0} records sent ({((e as RpcException)?.Status.Detail ?? e.Message).Shortened().TrimEnd('.')}). " +
            $"It stores an import in batches (of {Serving.BulkImport<object>.BatchSize:N0} records, fewer beside the portal's writes) as they arrive, so the records of the batches it completed are stored " +
            "and the rest are not; importing the file again is safe (records are upserted; those stored already are left as they are)"));
}
