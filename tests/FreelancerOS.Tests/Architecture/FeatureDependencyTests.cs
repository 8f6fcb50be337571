using System.Text.RegularExpressions;

namespace FreelancerOS.Tests.Architecture;

/// <summary>
/// CONVENTIONS habit 12 and docs/decisions/013: no cycle between feature folders, and the domain, the data
/// layer and the plumbing never reach into a feature. Checked on the source text, which is simpler than
/// reading the compiled references and good enough here: another feature's type can only be named through a
/// <c>using FreelancerOS.Web.Features.X</c> line (in C# or Razor) or a qualified name such as
/// <c>Features.X.Type</c> or <c>FreelancerOS.Web.Features.X.Type</c>. Comments are skipped, so a
/// <c>&lt;see cref&gt;</c> or a remark naming another feature is not a dependency.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    /// <summary>
    /// Composition roots may name every feature: Program.cs wires them, and the demo data drives each
    /// feature's real services to seed an account (it runs from the command line, never in a request).
    /// </summary>
    private static readonly string[] CompositionRoots = ["Program.cs", "Infrastructure/DemoData/"];

    [Fact]
    public void NoCycle_BetweenFeatures()
    {
        var edges = Scan(SourceRoot());
        Assert.True(edges.Count(e => e.From.StartsWith("Features/", StringComparison.Ordinal)) > 10,
            $"The scan found only {edges.Count} references between features: it no longer recognises them.");

        var cycles = Cycles(edges.Where(e => e.From.StartsWith("Features/", StringComparison.Ordinal)).ToList());
        Assert.True(cycles.Count == 0, "Features that depend on each other:\n" + string.Join("\n", cycles.Select(c =>
            string.Join(" -> ", c) + "\n  " + string.Join("\n  ", Because(edges, c)))));
    }

    [Fact]
    public void DomainDataAndInfrastructure_DoNotReferenceFeatures()
    {
        var wrong = Scan(SourceRoot()).Where(e => !e.From.StartsWith("Features/", StringComparison.Ordinal))
            .Select(e => $"{e.File} names {e.To}").Distinct().ToList();
        Assert.True(wrong.Count == 0, "Plumbing reaching into features:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void TheScan_FindsACycle_AndIgnoresComments()
    {
        var root = Directory.CreateTempSubdirectory("features-scan").FullName;
        try
        {
            Write(root, "Features/A/AThing.cs", "using FreelancerOS.Web.Features.B;\nnamespace FreelancerOS.Web.Features.A;\n// uses Features.C.Nothing\n");
            Write(root, "Features/B/BThing.cs", "namespace FreelancerOS.Web.Features.B;\nclass X { Features.A.AThing? a; object? f = HttpContext.Features.Get<int>(); }\n");
            Write(root, "Features/C/View.cshtml", "@model FreelancerOS.Web.Features.C.Page\n@* Features.A.AThing *@\n");
            Write(root, "Infrastructure/Plumbing.cs", "/// <see cref=\"Features.A.AThing\"/>\nclass P { }\n");

            var edges = Scan(root);

            Assert.Equal(["Features/A -> Features/B", "Features/B -> Features/A"], edges.Select(e => $"{e.From} -> {e.To}").Distinct().Order());
            Assert.Single(Cycles(edges));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public sealed record Edge(string From, string To, string File);

    /// <summary>Every reference from an area (a feature folder, Domain, Data, Infrastructure) to another feature.</summary>
    private static List<Edge> Scan(string root)
    {
        var edges = new List<Edge>();
        var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)
                || relative.Contains("/Migrations/", StringComparison.Ordinal) || CompositionRoots.Any(c => relative.StartsWith(c, StringComparison.Ordinal)))
                continue;
            var parts = relative.Split('/');
            var from = parts[0] == "Features" && parts.Length > 2 ? $"Features/{parts[1]}" : parts[0];
            var code = Comments().Replace(File.ReadAllText(file), "");
            foreach (Match m in FeatureName().Matches(code))
            {
                var to = $"Features/{m.Groups["feature"].Value}";
                if (to != from && to != "Features/Shared") edges.Add(new Edge(from, to, relative));
            }
        }
        return edges;
    }

    /// <summary>The cycles of the graph, each as the features along it (one per strongly connected group).</summary>
    private static List<List<string>> Cycles(IReadOnlyCollection<Edge> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order().ToList());
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>();
        foreach (var start in next.Keys.Order())
        {
            if (seen.Contains(start)) continue;
            if (PathBack(start, start, next, []) is { } path)
            {
                cycles.Add([start, .. path]);
                seen.UnionWith(path);
            }
        }
        return cycles;
    }

    private static List<string>? PathBack(string from, string target, Dictionary<string, List<string>> next, HashSet<string> visited)
    {
        foreach (var to in next.GetValueOrDefault(from) ?? [])
        {
            if (to == target) return [to];
            if (!visited.Add(to)) continue;
            if (PathBack(to, target, next, visited) is { } rest) return [to, .. rest];
        }
        return null;
    }

    private static IEnumerable<string> Because(List<Edge> edges, List<string> cycle) =>
        cycle.Zip(cycle.Skip(1)).SelectMany(step => edges.Where(e => e.From == step.First && e.To == step.Second)
            .Select(e => $"{e.File}: {e.From} -> {e.To}").Distinct().Take(3));

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string SourceRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FreelancerOS.sln"))) folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("FreelancerOS.sln not found above the test output folder."),
            "src", "FreelancerOS.Web");
    }

    // Line comments (also ///), block comments and Razor comments. A "//" inside a string (a URL) also cuts the
    // rest of its line, which can only hide a reference, never invent one; no line in src names a feature after a URL.
    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex Comments();

    // "Features.X" followed by a dot, a semicolon or the end of the line (a qualified name, a using line), not
    // preceded by a letter or a dot (HttpContext.Features.Get is not a feature), optionally after FreelancerOS.Web.
    [GeneratedRegex(@"(?<![\w.])(?:global::)?(?:FreelancerOS\.Web\.)?Features\.(?<feature>[A-Z]\w*)(?=[ \t]*[.;\r\n]|[ \t]*$)", RegexOptions.Multiline)]
    private static partial Regex FeatureName();
}
