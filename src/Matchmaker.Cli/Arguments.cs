namespace Matchmaker.Cli;

/// <summary>
/// A small parser for "command positional… --flag value --switch" lines. Options may repeat
/// (--country CN --country KR); every option a command does not read is reported as an error.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args, IReadOnlySet<string> switches)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                Positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (eq < 0 && switches.Contains(name))
            {
                _switches.Add(name);
                continue;
            }

            var value = eq > 0 ? arg[(eq + 1)..] : e.MoveNext() ? e.Current : throw new UsageException($"--{name} needs a value, or is not an option of this command (the command's --help lists them)");
            if (!_options.TryGetValue(name, out var list))
            {
                _options[name] = list = [];
            }

            list.Add(value);
        }
    }

    /// <summary>What System.CommandLine parsed: the arguments in order, each option's values, the switches given.</summary>
    public Arguments(IEnumerable<string> positional, IReadOnlyDictionary<string, List<string>> options, IEnumerable<string> switches)
    {
        Positional.AddRange(positional);
        foreach (var (name, values) in options)
        {
            _options[name] = values;
        }

        _switches.UnionWith(switches);
    }

    public List<string> Positional { get; } = [];

    /// <summary>The same arguments with <paramref name="first"/> before the positional ones (a subcommand's name for its handler).</summary>
    public Arguments After(string first) => new([first, .. Positional], _options, _switches);

    public bool Switch(string name)
    {
        _read.Add(name);
        return _switches.Contains(name);
    }

    public IReadOnlyList<string> All(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var list) ? list : [];
    }

    public string? One(string name)
    {
        var all = All(name);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw new UsageException($"--{name} was given {all.Count} times"),
        };
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = One(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
    }

    /// <summary>A UTC date given as yyyy-MM-dd; today (UTC) when absent.</summary>
    public DateTimeOffset Date(string name) =>
        DateText(name) is { } text
            ? DateTimeOffset.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)
            : new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);

    /// <summary>A date given as yyyy-MM-dd, as given (the server reads it in its own way); null when absent. Anything else is bad usage.</summary>
    public string? DateText(string name) => One(name) is { } text ? DateText(text, $"--{name}") : null;

    /// <summary>A date (yyyy-MM-dd) given as <paramref name="what"/> (an option or a positional argument), as given; anything else is bad usage.</summary>
    public static string DateText(string text, string what) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
            ? text
            : throw new UsageException($"{what} must be a date like 2026-12-03, not '{text}'");

    /// <summary>A local time (H:mm) given as <paramref name="what"/>, as given; anything else is bad usage.</summary>
    public static string TimeText(string text, string what) =>
        TimeOnly.TryParseExact(text, "H:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
            ? text
            : throw new UsageException($"{what} must be a time like 09:30, not '{text}'");

    /// <summary>The server's data folder: --data, else $MATCHMAKER__DATADIRECTORY (the server's own setting), else ./data.</summary>
    public DataDirectory DataFolder() =>
        new(One("data") ?? Environment.GetEnvironmentVariable("MATCHMAKER__DATADIRECTORY") ?? "data");

    /// <summary>Fails on options or switches that nothing read: a typo must not be ignored silently.</summary>
    public void EnsureAllRead()
    {
        var unknown = _options.Keys.Concat(_switches).Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);
