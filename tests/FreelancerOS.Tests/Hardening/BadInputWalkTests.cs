using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Hardening;

/// <summary>
/// Finds every form of the app by crawling from the navigation and the detail links of seeded data, then
/// posts seeded-random bad values to its fields. No answer may be a 5xx, and afterwards nothing saved
/// breaks a rule: every page still answers, totals compute, amounts and dates are within Limits.
/// </summary>
public sealed class BadInputWalkTests(TestApp app) : IClassFixture<TestApp>
{
    private const int Submissions = 2000;

    // Forms that would end the walk's own session.
    private static readonly string[] Skipped = ["/account/logout", "/account/changepassword"];

    private sealed record FoundForm(string Page, string Action, List<KeyValuePair<string, string>> Fields);

    [Fact]
    public async Task EveryForm_GivenBadValues_NeverAnswers5xx_AndNothingSavedBreaksARule()
    {
        var victim = await app.SignedInClientAsync();
        var victimClient = await Work.ClientAsync(victim, "Victim Ltd");
        var victimProject = await Work.ProjectAsync(victim, victimClient, "Victim site");
        var victimIds = new[] { victimClient.ToString(), victimProject.ToString() };

        var client = await app.SignedInClientAsync();
        await SeedAsync(client);

        var (pages, forms) = await CrawlAsync(client);
        Assert.True(forms.Count >= 20, $"only {forms.Count} forms found on {pages.Count} pages");

        var lasting = forms.Where(f => !f.Action.Contains("delete") && !f.Action.Contains("archive")).ToList();
        var random = new Random(20261130);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Submissions; i++)
        {
            // Forms that delete come last, so the others keep finding their records for most of the walk.
            var pool = i < Submissions * 9 / 10 ? lasting : forms;
            var form = pool[i % pool.Count];
            var fields = form.Fields.ToList();
            var editable = fields.Select((f, k) => (f, k)).Where(x => x.f.Key != "__RequestVerificationToken").ToList();
            foreach (var _ in Enumerable.Range(0, 1 + random.Next(3)))
            {
                if (editable.Count == 0) break;
                var (field, index) = editable[random.Next(editable.Count)];
                fields[index] = new(field.Key, BadValue(random, victimIds));
            }
            if (random.Next(5) == 0) fields.Add(new("Id", BadValue(random, victimIds)));
            var response = await client.Http.PostAsync(form.Action, new FormUrlEncodedContent(fields));
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            if ((int)response.StatusCode >= 500)
                failures.Add($"{form.Action} from {form.Page}: {(int)response.StatusCode} with {string.Join("&", fields.Where(f => f.Key != "__RequestVerificationToken").Select(f => $"{f.Key}={Shorten(f.Value)}"))}");
        }
        Assert.True(statuses.GetValueOrDefault(400) + statuses.GetValueOrDefault(200) > Submissions / 4, "most posts should reach the action: " + string.Join(", ", statuses));
        Assert.True(failures.Count == 0, $"{failures.Count} of {Submissions} answered 5xx:\n" + string.Join("\n", failures.Take(15)));

        foreach (var page in pages)
        {
            var status = (await client.Http.GetAsync(page)).StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"GET {page} after the walk: {status}");
        }
        foreach (var page in new[] { "/", "/ledger?period=all", "/ledger/summary", "/ledger/balances", "/reports", "/invoices", "/time", "/clients", "/projects" })
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(page)).StatusCode);

        var userId = await UserIdAsync(app, client);
        await app.WithDbAsync(async db =>
        {
            foreach (var e in await db.LedgerEntries.AsNoTracking().ToListAsync())
            {
                Assert.InRange(Math.Abs(e.HomeAmountMinor), 0, Limits.MaxMinorUnits);
                Assert.True(Limits.IsSaneDate(e.Date), $"ledger date {e.Date}");
                Assert.True(e.Amount > 0 && Limits.IsWithinAmount(e.Amount, e.Currency));
            }
            foreach (var t in await db.TimeEntries.AsNoTracking().ToListAsync())
            {
                Assert.True(Limits.IsSaneDate(t.Date), $"time date {t.Date}");
                Assert.InRange(t.Hours, 0.0001m, TimeEntry.MaxHoursPerDay);
            }
            foreach (var inv in await db.Invoices.AsNoTracking().Include(x => x.Lines).ToListAsync())
            {
                Assert.True(Limits.IsSaneDate(inv.IssueDate) && Limits.IsSaneDate(inv.DueDate), $"invoice dates {inv.IssueDate} {inv.DueDate}");
                Assert.True(inv.Total >= 0 && inv.Total <= Limits.MaxAmount(null) * 2, $"invoice total {inv.Total}");
            }
            return 0;
        }, userId);

        var victimUser = await UserIdAsync(app, victim);
        Assert.Equal("Victim Ltd", await app.WithDbAsync(db => db.Clients.Where(c => c.Id == victimClient).Select(c => c.Name).SingleAsync(), victimUser));
        Assert.Equal(1, await app.WithDbAsync(db => db.Projects.CountAsync(), victimUser));
    }

    private async Task SeedAsync(AppClient client)
    {
        var c = await Work.ClientAsync(client, "Walk Ltd", rate: "80");
        var p = await Work.ProjectAsync(client, c, "Walk site");
        var s = await Work.ServiceAsync(client, p);
        await Work.LogAsync(client, p, "3", serviceId: s);
        await CreateEntryAsync(app, client, "income", "Walk fee", "120", "2026-11-05");
        await CreateEntryAsync(app, client, "expense", "Walk cost", "20", "2026-11-06");
        await InvoiceSteps.CreateDraftAsync(client, c, ("Design", "2", "100"));
    }

    private static async Task<(List<string> Pages, List<FoundForm> Forms)> CrawlAsync(AppClient client)
    {
        var seen = new HashSet<string> { "/" };
        var queue = new Queue<string>(["/"]);
        var pages = new List<string>();
        var forms = new Dictionary<string, FoundForm>();
        while (queue.Count > 0 && pages.Count < 250)
        {
            var url = queue.Dequeue();
            var response = await client.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            pages.Add(url);
            var doc = await AppClient.ParseAsync(response);
            foreach (var href in doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!href.StartsWith('/') || href.StartsWith("//") || href.Contains("export") || href.Contains("/receipt/") || href.Contains("/pdf")) continue;
                var path = href.Split('#')[0];
                // One page per shape of URL is enough (the 2nd week of the timesheet adds no form).
                if (seen.Add(path) && seen.Count(s => Shape(s) == Shape(path)) <= 3) queue.Enqueue(path);
            }
            foreach (var form in doc.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                if (!string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase)) continue;
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : form.GetAttribute("hx-post") ?? new Uri(doc.Url).PathAndQuery;
                // A submit button may send its form elsewhere (formaction), from inside it or joined by its form attribute.
                var buttonActions = doc.QuerySelectorAll("button[formaction], input[formaction]")
                    .Where(b => b.GetAttribute("form") is { } owner ? owner == form.Id : b.Closest("form") == form)
                    .Select(b => b.GetAttribute("formaction")!);
                var fields = AppClient.FormFields(form);
                foreach (var target in buttonActions.Prepend(action))
                {
                    if (Skipped.Any(target.StartsWith)) continue;
                    var key = Shape(target) + "|" + string.Join(",", fields.Select(f => f.Key).Order());
                    forms.TryAdd(key, new FoundForm(url, target, fields));
                }
            }
        }
        return (pages, forms.Values.ToList());
    }

    private static string Shape(string url) =>
        string.Join("/", url.Split('?')[0].Split('/').Select(p => p.All(char.IsDigit) && p.Length > 0 ? "#" : p)) + (url.Contains('?') ? "?" : "");

    private static string BadValue(Random random, string[] otherAccountIds) => random.Next(24) switch
    {
        0 => "",
        1 => "\0",
        2 => "a\u0001b\u001f\u007f",
        3 => new string('x', 100_000),
        4 => "-1",
        5 => "0",
        6 => "-99999999999999999999",
        7 => "99999999999999999999999999999",
        8 => "999999999999.99",
        9 => "1e309",
        10 => "NaN",
        11 => "0001-01-01",
        12 => "9999-12-31",
        13 => "2026-02-30",
        14 => "Banana",
        15 => "2147483648",
        16 => otherAccountIds[random.Next(otherAccountIds.Length)],
        17 => "<script>alert(1)</script>",
        18 => "../../etc/passwd",
        19 => "12,5",
        20 => "-0.000000001",
        21 => "\ud800",
        22 => "Urgent",
        _ => random.Next(-1000, 1000).ToString(),
    };

    private static string Shorten(string value) => value.Length > 30 ? value[..30] + $"…({value.Length})" : value.Replace("\0", "\\0");
}
