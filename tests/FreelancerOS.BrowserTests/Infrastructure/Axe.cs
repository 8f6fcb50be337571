using System.Text.Json;

namespace FreelancerOS.BrowserTests.Infrastructure;

/// <summary>
/// Runs axe-core (from the web project's npm packages) on the current page and returns the serious
/// and critical violations. The page must come from a context with BypassCSP, since axe is injected
/// as a script the app's Content-Security-Policy would otherwise (rightly) refuse.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FreelancerOS.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? ".", "src", "FreelancerOS.Web", "node_modules", "axe-core", "axe.min.js");
        return File.ReadAllText(path);
    });

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))");
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
