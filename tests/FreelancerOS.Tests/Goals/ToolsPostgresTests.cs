using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Ledger;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Goals;

/// <summary>Resources and goals on PostgreSQL (the server set-up): search, filters, ticks and every ledger figure a goal can follow.</summary>
public sealed class ToolsPostgresTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public async Task ResourcesAndGoals_OnPostgres_SearchTickAndTrackedFigures()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);

        var create = await client.GetPageAsync("/resources/create");
        var id = AppClient.IdFromRedirect(await client.SubmitAsync(create, "#resource-form", new Dictionary<string, string>
        {
            ["Name"] = "VAT Checklist", ["Kind"] = "Checklist", ["Topic"] = "Taxes", ["Body"] = "- [ ] one\r\n- [ ] two\r\n- [ ] three",
        }));
        Assert.Single((await client.GetPageAsync("/resources?q=vat&kind=Checklist&topic=Taxes")).QuerySelectorAll("tbody tr[id]"));
        var page = await client.GetPageAsync($"/resources/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#task-form-1", new Dictionary<string, string> { ["done"] = "true" })).StatusCode);
        Assert.Equal("- [ ] one\r\n- [x] two\r\n- [ ] three", await app.WithDbAsync(db => db.Resources.Where(r => r.Id == id).Select(r => r.Body).SingleAsync(), userId));

        var acme = AppClient.IdFromRedirect(await client.SubmitAsync(await client.GetPageAsync("/clients/create"), "form[action='/clients/create']", new Dictionary<string, string> { ["Name"] = "Acme" }));
        await CreateEntryAsync(app, client, "income", "Fee", "1200", "2026-11-02", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "Rent", "200", "2026-11-03", mode: "Bank");
        var entry = await client.GetPageAsync("/ledger/create?kind=income");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(entry, "#entry-form", new Dictionary<string, string>
        {
            ["Description"] = "Acme fee", ["Amount"] = "300", ["Date"] = "2026-05-01", ["ClientId"] = acme.ToString(),
        })).StatusCode);

        var form = await client.GetPageAsync("/goals/create");
        var bank = form.QuerySelectorAll("select[name=TrackedPaymentModeId] option").First(o => o.TextContent.Trim() == "Bank").GetAttribute("value")!;
        foreach (var (name, tracking, extra) in new[]
                 {
                     ("Income", "IncomeThisYear", ""), ("Net", "NetThisYear", ""),
                     ("Acme", "ClientIncomeThisYear", acme.ToString()), ("Bank", "PaymentModeBalance", bank),
                 })
        {
            var values = new Dictionary<string, string> { ["Name"] = name, ["Category"] = "Wealth", ["TargetValue"] = "2000", ["Tracking"] = tracking };
            if (tracking == "ClientIncomeThisYear") values["TrackedClientId"] = extra;
            if (tracking == "PaymentModeBalance") values["TrackedPaymentModeId"] = extra;
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetPageAsync("/goals/create"), "#goal-form", values)).StatusCode);
        }
        var list = await client.GetPageAsync("/goals?q=a");
        string Progress(string name) => list.QuerySelectorAll("tbody tr[id]").Single(r => r.QuerySelector("a")!.TextContent == name).QuerySelector("[data-role=progress]")!.TextContent.Trim();
        Assert.Equal("1,500.00 EUR", Progress("Income"));
        Assert.Equal("1,300.00 EUR", Progress("Net"));
        Assert.Equal("300.00 EUR", Progress("Acme"));
        Assert.Equal("1,000.00 EUR", Progress("Bank"));
    }
}
