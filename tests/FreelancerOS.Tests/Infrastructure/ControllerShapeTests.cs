using System.Text.RegularExpressions;
using FreelancerOS.Web.Features.Clients;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Features.Projects;
using FreelancerOS.Web.Features.Time;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// The shape docs/decisions/012 promises: controllers split by sub-resource keep one URL segment and
/// one view folder per feature, and no action grows past a screen (the rule belongs on an entity or a
/// use-case service then).
/// </summary>
public sealed partial class ControllerShapeTests(TestApp app) : IClassFixture<TestApp>
{
    private const int MaxActionLines = 30;

    [Fact]
    public void NoControllerAction_IsLongerThanThirtyLines()
    {
        var src = Path.Combine(RepositoryRoot(), "src", "FreelancerOS.Web");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations")).ToList();
        var actions = files.SelectMany(f => ActionLengths(f).Select(a => (File: Path.GetRelativePath(src, f), a.Name, a.Lines))).ToList();

        Assert.True(actions.Count > 100, $"The scan found only {actions.Count} actions: it no longer recognises them.");
        var tooLong = actions.Where(a => a.Lines > MaxActionLines).Select(a => $"{a.File} {a.Name}: {a.Lines} lines").ToList();
        Assert.True(tooLong.Count == 0, "Actions longer than " + MaxActionLines + " lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void TheScan_MeasuresBlockAndExpressionBodies()
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file,
        [
            "public sealed class XController : Controller",
            "{",
            "    [HttpGet]",
            "    public IActionResult Short() =>",
            "        View();",
            "",
            "    public async Task<IActionResult> Long(int id)",
            "    {",
            "        if (id > 0)",
            "        {",
            "            await Task.Yield();",
            "        }",
            "        return View();",
            "    }",
            "}",
        ]);
        try
        {
            Assert.Equal([("Short", 2), ("Long", 8)], ActionLengths(file).Select(a => (a.Name, a.Lines)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AnActionName_LivesInOneControllerPerUrlSegment()
    {
        var actions = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>().ToList();
        var shared = actions
            .GroupBy(a => (Controller: a.RouteValues["controller"], Action: a.RouteValues["action"]), a => a.ControllerTypeInfo.FullName)
            .Where(g => g.Distinct().Count() > 1)
            .Select(g => $"/{g.Key.Controller}/{g.Key.Action}: {string.Join(", ", g.Distinct())}").ToList();
        Assert.True(shared.Count == 0, "One URL served by several controllers:\n" + string.Join("\n", shared));

        // The split controllers answer under their feature's segment, so URLs and asp-controller="Ledger" links stay.
        string SegmentOf(Type controller) => actions.First(a => a.ControllerTypeInfo == controller).ControllerName;
        Assert.Equal("Ledger", SegmentOf(typeof(LedgerCsvController)));
        Assert.Equal("Ledger", SegmentOf(typeof(LedgerListsController)));
        Assert.Equal("Ledger", SegmentOf(typeof(LedgerFiguresController)));
        Assert.Equal("Projects", SegmentOf(typeof(ProjectMilestonesController)));
        Assert.Equal("Projects", SegmentOf(typeof(ProjectScopeChangesController)));
        Assert.Equal("Time", SegmentOf(typeof(TimerController)));
        Assert.Equal("Clients", SegmentOf(typeof(ClientPipelineController)));
    }

    [Theory]
    [InlineData(typeof(LedgerCsvController), "Ledger")]
    [InlineData(typeof(ProjectScopeChangesController), "Projects")]
    [InlineData(typeof(TimerController), "Time")]
    [InlineData(typeof(ClientPipelineController), "Clients")]
    [InlineData(typeof(FreelancerOS.Web.Features.Settings.InvoiceDocumentController), "Settings")]
    [InlineData(typeof(ControllerShapeTests), null)]
    public void AController_FindsItsViews_InItsNamespacesFeatureFolder(Type controller, string? folder) =>
        Assert.Equal(folder, FeatureFolders.FeatureOf(controller));

    [Theory]
    [InlineData("/ledger/import", "Import CSV")]
    [InlineData("/ledger/lists", "Categories and payment modes")]
    [InlineData("/ledger/summary", "Month summary")]
    [InlineData("/ledger/balances", "Balances")]
    public async Task ASubResourcePage_KeepsItsUrl_AndItsView(string url, string title)
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync(url);
        Assert.StartsWith(title, page.Title);
    }

    private static IEnumerable<(string Name, int Lines)> ActionLengths(string file)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var m = ActionSignature().Match(lines[i]);
            if (!m.Success) continue;
            var indent = m.Groups["indent"].Value;
            var end = i;
            if (lines[i].Contains("=>") || (i + 1 < lines.Length && lines[i + 1].TrimStart().StartsWith("=>", StringComparison.Ordinal)))
                while (end < lines.Length - 1 && !lines[end].TrimEnd().EndsWith(';')) end++;
            else
            {
                while (end < lines.Length - 1 && lines[end] != indent + "{") end++;
                while (end < lines.Length - 1 && lines[end] != indent + "}") end++;
            }
            yield return (m.Groups["name"].Value, end - i + 1);
        }
    }

    [GeneratedRegex(@"^(?<indent>\s+)public\s+(async\s+)?(Task<)?I?ActionResult\b[^(]*\s(?<name>\w+)\(")]
    private static partial Regex ActionSignature();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FreelancerOS.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("FreelancerOS.sln not found above the test output folder.");
    }
}
