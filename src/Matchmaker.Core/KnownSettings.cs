using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Matchmaker;

/// <summary>
/// A section of settings the service reads: an options class bound to it (registered by
/// <see cref="OptionsRegistration.AddValidatedOptions{TOptions}"/>), or keys read one by one.
/// </summary>
public sealed record KnownSettings(string Section, Type? Options, IReadOnlyList<string> Keys)
{
    /// <summary>The settings the service reads have this prefix: keys under it that none reads are reported.</summary>
    public const string Root = "Matchmaker";

    /// <summary>
    /// The keys under <see cref="Root"/> that no known section reads (a mistyped name is otherwise silently
    /// ignored), each with the nearest known name when one is close.
    /// </summary>
    public static IReadOnlyList<(string Key, string? Nearest)> Unknown(IConfiguration configuration, IEnumerable<KnownSettings> known)
    {
        var sections = known.ToList();
        var names = sections.SelectMany(Names).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = new List<(string, string?)>();
        foreach (var (key, value) in configuration.GetSection(Root).AsEnumerable())
        {
            // Leaves only (a section's own entry has no value), and only those no section reads.
            if (value is null || sections.Any(s => s.Reads(key)))
            {
                continue;
            }

            var nearest = names.Select(n => (Name: n, Distance: EditDistance.Between(key.ToUpperInvariant(), n.ToUpperInvariant())))
                .Where(n => n.Distance <= Math.Max(2, key.Length / 8)).OrderBy(n => n.Distance).Select(n => n.Name).FirstOrDefault();
            unknown.Add((key, nearest));
        }

        return unknown;
    }

    private bool Reads(string key)
    {
        if (!key.StartsWith(Section + ":", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = key[(Section.Length + 1)..].Split(':');
        return Keys.Contains(path[0], StringComparer.OrdinalIgnoreCase) || (Options is not null && Resolves(Options, path, 0));
    }

    /// <summary>True when the path names a property of the type (collections and dictionaries take any key below them).</summary>
    private static bool Resolves(Type type, string[] path, int at)
    {
        if (at == path.Length)
        {
            return true;
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return true;
        }

        var property = type.GetProperty(path[at], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && Resolves(property.PropertyType, path, at + 1);
    }

    /// <summary>Every setting name this section reads (leaf properties, a level of nested classes), for hints.</summary>
    private static IEnumerable<string> Names(KnownSettings s)
    {
        foreach (var key in s.Keys)
        {
            yield return $"{s.Section}:{key}";
        }

        foreach (var p in s.Options?.GetProperties(BindingFlags.Public | BindingFlags.Instance) ?? [])
        {
            yield return $"{s.Section}:{p.Name}";
            if (p.PropertyType.IsClass && p.PropertyType != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
            {
                foreach (var inner in p.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    yield return $"{s.Section}:{p.Name}:{inner.Name}";
                }
            }
        }
    }
}
