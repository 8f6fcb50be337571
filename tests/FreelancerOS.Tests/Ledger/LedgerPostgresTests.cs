using System.Net;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

/// <summary>The ledger's queries (totals, grouping, moves, import and export) translate and add up on PostgreSQL too.</summary>
public sealed class LedgerPostgresTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public async Task Ledger_OnPostgres_TotalsFiltersListsAndRoundTripMatch()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        await CreateEntryAsync(app, client, "income", "Retainer November", "3000", "2026-11-02", mode: "Bank");
        var owed = await CreateEntryAsync(app, client, "income", "US project", "1000", "2026-11-05", "USD", "0.9234");
        await CreateEntryAsync(app, client, "expense", "Hotel", "180.40", "2026-11-08", mode: "Card", category: "Travel", currency: "GBP", rate: "1.1666666");
        await CreateEntryAsync(app, client, "expense", "Laptop", "1499", "2026-10-08", mode: "Bank", category: "Hardware");

        var ledger = await client.GetPageAsync("/ledger");
        Assert.Equal("3,923.40 EUR", Text(ledger, "[data-role=total-income]"));
        Assert.Equal("923.40 EUR", Text(ledger, "[data-role=total-outstanding]"));
        Assert.Equal("210.47 EUR", Text(ledger, "[data-role=total-expenses]"));
        Assert.Equal("1", Text(await client.GetPageAsync("/ledger?period=all&q=hotel"), "[data-role=total-count]"));

        var settle = await client.SubmitAsync(ledger, $"#settle-{owed}", new Dictionary<string, string> { ["paymentModeId"] = OptionValue(ledger, "paymentModeId", "Bank") });
        Assert.Equal(HttpStatusCode.Redirect, settle.StatusCode);
        var dashboard = await client.GetPageAsync("/");
        Assert.Equal("0.00 EUR", Text(dashboard, "[data-role=receivable]"));
        Assert.Equal("3,712.93 EUR", Text(dashboard, "[data-role=this-month] [data-role=net]"));
        var balances = await client.GetPageAsync("/ledger/balances");
        Assert.Equal("2,424.40 EUR", Text(balances, "tr[data-mode=Bank] [data-role=balance]"));
        Assert.Equal("-210.47 EUR", Text(balances, "tr[data-mode=Card] [data-role=balance]"));
        Assert.Equal(12, (await client.GetPageAsync("/ledger/summary")).QuerySelectorAll("#month-table tbody tr").Length);

        // Deleting a category in use moves its entries (one statement) in the same transaction as the delete.
        var lists = await client.GetPageAsync("/ledger/lists");
        var hardware = lists.QuerySelector("[data-list=expense] li[data-name=Hardware] form[id^=delete-]")!;
        var office = OptionValue(lists, hardware.QuerySelector("select")!.GetAttribute("name")!, "Office");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(lists, "#" + hardware.Id, new Dictionary<string, string> { ["moveTo"] = office })).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Category!.Name == "Office"), userId));

        var csv = await client.Http.GetStringAsync("/ledger/export?period=all");
        var second = await app.SignedInClientAsync();
        var page = await second.GetPageAsync("/ledger/import");
        var token = page.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var upload = await second.Http.PostAsync("/ledger/import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "export.csv" },
        });
        var preview = await AppClient.ParseAsync(await second.SubmitAsync(await AppClient.ParseAsync(upload), "#import-map"));
        Assert.Equal("0", Text(preview, "[data-role=errors]"));
        var run = await second.SubmitAsync(preview, "#import-run");
        var status = run.Headers.Location!.OriginalString;
        for (var i = 0; i < 100 && (await second.GetPageAsync(status)).QuerySelector("#import-progress[data-state=running]") is not null; i++)
            await Task.Delay(100);
        var before = await client.GetPageAsync("/ledger?period=all");
        var after = await second.GetPageAsync("/ledger?period=all");
        foreach (var role in new[] { "total-income", "total-expenses", "total-net", "total-received", "total-count" })
            Assert.Equal(Text(before, $"[data-role={role}]"), Text(after, $"[data-role={role}]"));
    }
}
