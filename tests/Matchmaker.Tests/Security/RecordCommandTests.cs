using Google.Protobuf;
using Matchmaker.Tests.Support;

namespace Matchmaker.Tests.Security;

/// <summary>The CLI as an operator uses it against a keyed server: keys, one record at a time, previews, and the exit codes.</summary>
public sealed class RecordCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Keys_single_records_and_previews_from_the_command_line_with_exit_codes_that_say_what_happened()
    {
        // A folder without a store is refused (a mistyped --data must not leave the real server open) unless --new says it is new.
        var (noStoreExit, _, noStore) = await Support.Cli.RunAsync("keys", "create", "ops portal", "--role", "portal", "--data", _data.Path);
        Assert.Equal(2, noStoreExit);
        Assert.Contains("add --new", noStore, StringComparison.Ordinal);
        var (created, key, note) = await Support.Cli.RunAsync("keys", "create", "ops portal", "--role", "portal", "--data", _data.Path, "--new");
        Assert.True(created == 0, note);
        key = key.Trim();
        Assert.StartsWith("mmk_", key, StringComparison.Ordinal);
        Assert.Contains("shown once", note, StringComparison.Ordinal);
        var (twice, _, same) = await Support.Cli.RunAsync("keys", "create", "ops portal", "--role", "portal", "--data", _data.Path);
        Assert.Equal(2, twice);
        Assert.Contains("already named 'ops portal'", same, StringComparison.Ordinal);

        using var server = new ServerProcess(_data.Path);
        await server.StartAsync();
        var exporter = Path.Combine(_data.Path, "exporter.json");
        var profile = Samples.Exporter("EXP-1", "030367");
        profile.Contact = new V1.Contact { Email = "irina@example.ru" };
        await File.WriteAllTextAsync(exporter, JsonFormatter.Default.Format(profile));
        var inquiry = Path.Combine(_data.Path, "inquiry.json");
        await File.WriteAllTextAsync(inquiry, JsonFormatter.Default.Format(Samples.Inquiry("INQ-1", "030367")));
        var draft = Path.Combine(_data.Path, "draft.json");
        await File.WriteAllTextAsync(draft, JsonFormatter.Default.Format(Samples.Inquiry("", "030367")));

        async Task<(int Exit, string Out, string Err)> Cli(params string[] args) => await Support.Cli.RunAsync([.. args, "--server", server.Url, "--api-key", key]);

        var (noKey, _, refused) = await Support.Cli.RunAsync("upsert", "exporter", exporter, "--server", server.Url);
        Assert.Equal(3, noKey);
        Assert.Contains("refused the call", refused, StringComparison.Ordinal);

        var (stored, storedOut, storedErr) = await Cli("upsert", "exporter", exporter);
        Assert.True(stored == 0, storedErr);
        Assert.Contains("stored exporter EXP-1 as version 1", storedOut, StringComparison.Ordinal);
        var (again, againOut, _) = await Cli("upsert", "exporter", exporter);
        Assert.Equal(0, again);
        Assert.Contains("exporter EXP-1 is stored as it is already: version 1 unchanged", againOut, StringComparison.Ordinal);
        Assert.Equal(4, (await Cli("upsert", "exporter", exporter, "--expected-version", "0")).Exit);
        Assert.Equal(0, (await Cli("upsert", "inquiry", inquiry)).Exit);

        var (previewed, previewOut, _) = await Cli("preview", draft, "--top", "3");
        Assert.Equal(0, previewed);
        Assert.Contains("EXP-1", previewOut, StringComparison.Ordinal);

        var (got, gotOut, _) = await Cli("get", "exporter", "EXP-1");
        Assert.Equal(0, got);
        Assert.DoesNotContain("irina", gotOut, StringComparison.Ordinal);
        Assert.Equal(5, (await Cli("get", "exporter", "EXP-404")).Exit);

        var bad = Path.Combine(_data.Path, "bad.json");
        await File.WriteAllTextAsync(bad, """{"id":"EXP-2","name":"x","country":"ZZZ"}""");
        var (invalid, _, why) = await Cli("upsert", "exporter", bad);
        Assert.Equal(4, invalid);
        Assert.Contains("'ZZZ' is not an ISO 3166-1 alpha-2 country code", why, StringComparison.Ordinal);
        var (wrongRole, _, _) = await Cli("models");
        Assert.Equal(3, wrongRole);

        Assert.Contains("closed inquiry INQ-1", (await Cli("close", "INQ-1")).Out, StringComparison.Ordinal);
        Assert.Contains("inquiry INQ-1 was closed already", (await Cli("close", "INQ-1")).Out, StringComparison.Ordinal);
        Assert.Contains("deleted exporter EXP-1", (await Cli("delete", "exporter", "EXP-1")).Out, StringComparison.Ordinal);

        var (listed, list, _) = await Support.Cli.RunAsync("keys", "list", "--data", _data.Path);
        Assert.Equal(0, listed);
        Assert.Contains("ops portal", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Equal(0, (await Support.Cli.RunAsync("keys", "revoke", "ops portal", "--data", _data.Path)).Exit);
        Assert.Equal(3, (await Cli("get", "inquiry", "INQ-1")).Exit);
        var (revokedTwice, revokedTwiceOut, _) = await Support.Cli.RunAsync("keys", "revoke", "ops portal", "--data", _data.Path);
        Assert.Equal(0, revokedTwice);
        Assert.Contains("key 'ops portal' (portal, ", revokedTwiceOut, StringComparison.Ordinal);
        Assert.Contains("was revoked already, on ", revokedTwiceOut, StringComparison.Ordinal);
        Assert.Equal(5, (await Support.Cli.RunAsync("keys", "revoke", "nobody", "--data", _data.Path)).Exit);
    }

    [Fact]
    public async Task An_import_with_a_huge_line_and_huge_bad_values_stores_the_good_lines_and_names_the_bad_ones_briefly()
    {
        using var server = new ServerProcess(_data.Path);
        await server.StartAsync();
        var file = Path.Combine(_data.Path, "mixed.jsonl");
        var lines = new List<string> { JsonFormatter.Default.Format(Samples.Exporter("EXP-1")) };
        var huge = Samples.Exporter("EXP-HUGE");
        huge.Description = new string('x', 5_000_000);
        lines.Add(JsonFormatter.Default.Format(huge));
        for (var i = 0; i < 100; i++)
        {
            var bad = Samples.Exporter(new string('B', 1_000_000) + i);
            bad.Country = new string('Z', 1_000_000);
            lines.Add(JsonFormatter.Default.Format(bad));
        }

        lines.Add(JsonFormatter.Default.Format(Samples.Exporter("EXP-2")));
        await File.WriteAllLinesAsync(file, lines);

        var (exit, stdout, stderr) = await Support.Cli.RunAsync("import", "exporters", file, "--server", server.Url);

        Assert.Equal(1, exit);
        Assert.Contains("imported 2 exporters of 103 records", stdout, StringComparison.Ordinal);
        Assert.Contains("line 2: 5,000,", stderr, StringComparison.Ordinal);
        Assert.Contains("(not sent)", stderr, StringComparison.Ordinal);
        Assert.True(stderr.Length < 200_000, $"{stderr.Length:N0} characters of errors");
        Assert.Contains("line 3 (BBBB", stderr, StringComparison.Ordinal);
        Assert.Contains("more problems (the first 100 are listed)", stderr, StringComparison.Ordinal); // 101 refused lines
        Assert.Contains("… (1,000,000 characters) is not an ISO 3166-1 alpha-2 country code", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_of_hostile_lines_refuses_each_with_its_line_and_stores_the_good_ones()
    {
        using var server = new ServerProcess(_data.Path);
        await server.StartAsync();
        var file = Path.Combine(_data.Path, "hostile.jsonl");
        var good = JsonFormatter.Default.Format(Samples.Exporter("EXP-1"));
        var deep = "{\"id\":\"EXP-3\",\"name\":" + new string('[', 500) + new string(']', 500) + "}";
        using (var output = File.Create(file))
        {
            void Line(byte[] bytes)
            {
                output.Write(bytes);
                output.WriteByte((byte)'\n');
            }

            Line(System.Text.Encoding.UTF8.GetBytes(good));
            Line([.. System.Text.Encoding.UTF8.GetBytes("{\"id\":\"EXP-2\",\"name\":\"Amur "), 0xC3, 0x28, 0xFF, .. System.Text.Encoding.UTF8.GetBytes(" Fish\"}")]);
            Line(System.Text.Encoding.UTF8.GetBytes(deep));
            Line(System.Text.Encoding.UTF8.GetBytes("{\"id\":\"EXP-4\",\"employees\":\"many\"}"));
            Line(System.Text.Encoding.UTF8.GetBytes("{\"id\":\"EXP-5\",\"name\":\"tab\\tand\\u0000nul\",\"country\":\"RU\",\"region\":\"RU-KHA\",\"products\":[{\"hsCode\":\"030367\"}],\"active\":true}"));
            Line(System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(Samples.Exporter("EXP-6"))));
        }

        var (exit, stdout, stderr) = await Support.Cli.RunAsync("import", "exporters", file, "--server", server.Url);

        Assert.Equal(1, exit);
        Assert.Contains("line 2: not valid UTF-8", stderr, StringComparison.Ordinal);
        Assert.Contains("line 3: not a valid ExporterProfile", stderr, StringComparison.Ordinal);
        Assert.Contains("line 4: not a valid ExporterProfile in proto3 JSON: employees: ", stderr, StringComparison.Ordinal); // the field named
        // Control characters in free text are text: stored as given, matched as words.
        Assert.Contains("imported 3 exporters of 6 records", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upsert", "", "is empty: it should hold one ExporterProfile message in proto3 JSON")]
    [InlineData("upsert", "\u007f\u0000\u0001", "is not text (it holds NUL bytes): it should hold one ExporterProfile message")]
    [InlineData("upsert", "{\"id\": 5, \"name\": \"x\"}", "is not a valid ExporterProfile in proto3 JSON: id: Unsupported conversion from JSON number")]
    [InlineData("upsert", "not json", "is not a valid ExporterProfile in proto3 JSON: not JSON (")]
    [InlineData("upsert", "[1, 2]", "is not a valid ExporterProfile in proto3 JSON: a JSON array, not an object")]
    [InlineData("preview", "  \n", "is empty: it should hold an inquiry or an exporter profile in proto3 JSON")]
    [InlineData("event-create", "{\"name\": \"Fair\", \"days\": 3}", "is not a valid Event in proto3 JSON: days: ")]
    public async Task A_record_file_that_is_empty_binary_or_not_the_message_is_bad_usage_saying_what_and_where(string command, string content, string said)
    {
        var file = Path.Combine(_data.Path, "record.json");
        await File.WriteAllTextAsync(file, content);
        string[] args = command switch
        {
            "upsert" => ["upsert", "exporter", file],
            "preview" => ["preview", file],
            _ => ["event", "create", file],
        };

        var (exit, _, stderr) = await Support.Cli.RunAsync([.. args, "--server", "http://127.0.0.1:1"]);

        Assert.Equal(2, exit); // read before any call: the unreachable server is never asked
        Assert.Contains(file + " " + said, stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
