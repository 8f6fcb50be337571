using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Reports.ReportSteps;

namespace FreelancerOS.Tests.Reports;

/// <summary>
/// Receivables aging, hand-computed: what is still owed per invoice (total less payments) by days past the
/// due date, moving the injected clock across the bucket boundaries (day 30 vs 31, 60 vs 61, 90 vs 91).
/// </summary>
public abstract class ReceivablesAgingTestsBase<TApp>(TApp app) where TApp : TestApp
{
    private static readonly DateTimeOffset Nov22 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private sealed record Scenario(AppClient Client, int Acme, int Globex, int A1, int A2, int A3, int A4, int A5, int Paid, int B1);

    /// <summary>
    /// On 2026-11-22. Acme (EUR): A1 due 12-01, 1,000 less 250 paid = 750.00 current; A2 due 10-23 (30 days late) 400.00;
    /// A3 due 10-22 (31 days) 300.50 less 100.25 = 200.25; A4 due 08-24 (90 days) 90.00; A5 due 08-23 (91 days)
    /// 123.45 less 23.45 = 100.00; one paid invoice and one draft that are not owed. Globex (USD): B1 due today, 1,234.56 current.
    /// </summary>
    private async Task<Scenario> SetUpAsync()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(client, "Acme Aging");
        var globex = await CreateClientAsync(client, "Globex Aging", "USD");
        var a1 = await IssuedAsync(client, acme, "1000", "2026-11-01", "2026-12-01");
        await PayAsync(client, a1, "250", "2026-11-10");
        var a2 = await IssuedAsync(client, acme, "400", "2026-10-01", "2026-10-23");
        var a3 = await IssuedAsync(client, acme, "300.50", "2026-09-20", "2026-10-22");
        await PayAsync(client, a3, "100.25", "2026-10-01");
        var a4 = await IssuedAsync(client, acme, "90", "2026-08-01", "2026-08-24");
        var a5 = await IssuedAsync(client, acme, "123.45", "2026-08-01", "2026-08-23");
        await PayAsync(client, a5, "23.45", "2026-09-01");
        var paid = await IssuedAsync(client, acme, "500", "2026-07-01", "2026-07-31");
        await PayAsync(client, paid, "500", "2026-08-01");
        await CreateDraftAsync(client, acme, ("Not issued", "1", "999"));
        var b1 = await IssuedAsync(client, globex, "1234.56", "2026-11-20", "2026-11-22", rate: "0.9");
        return new Scenario(client, acme, globex, a1, a2, a3, a4, a5, paid, b1);
    }

    private static string[] Row(AngleSharp.Dom.IDocument page, string selector) =>
        new[] { "current", "1-30", "31-60", "61-90", "90+", "total" }.Select(a => Cell(page, $"{selector} td[data-age='{a}']")).ToArray();

    [Fact]
    public async Task Get_Aging_PutsEachOpenBalanceInItsBucket_ToTheCent_AndMovesThemAsTheClockCrossesBoundaries()
    {
        var s = await SetUpAsync();

        var page = await s.Client.GetPageAsync("/reports/receivables");
        Assert.Equal(["750.00 EUR", "400.00 EUR", "200.25 EUR", "90.00 EUR", "100.00 EUR", "1,540.25 EUR"], Row(page, "tr[data-client='Acme Aging']"));
        Assert.Equal(["1,234.56 USD", "0.00 USD", "0.00 USD", "0.00 USD", "0.00 USD", "1,234.56 USD"], Row(page, "tr[data-client='Globex Aging']"));
        // Totals stay per currency: euros and dollars are never added.
        Assert.Equal(["750.00 EUR", "400.00 EUR", "200.25 EUR", "90.00 EUR", "100.00 EUR", "1,540.25 EUR"], Row(page, "tr[data-total=EUR]"));
        Assert.Equal("1,234.56 USD", Cell(page, "tr[data-total=USD] td[data-age=total]"));

        // Each figure opens the invoices behind it: Acme's 1–30 is A2 only, 30 days late.
        var href = page.QuerySelector("tr[data-client='Acme Aging'] td[data-age='1-30'] a")!.GetAttribute("href")!;
        Assert.Equal($"/invoices/list?clientId={s.Acme}&age=1-30", href);
        var list = await s.Client.GetPageAsync(href);
        var row = Assert.Single(list.QuerySelectorAll("[data-role=invoice-list] tbody tr"));
        Assert.Equal(s.A2.ToString(), row.GetAttribute("data-id"));
        Assert.Equal("30 days late", Cell(list, $"tr[data-id='{s.A2}'] [data-role=days-late]"));
        var over90 = await s.Client.GetPageAsync(page.QuerySelector("tr[data-total=EUR] td[data-age='90+'] a")!.GetAttribute("href")!);
        Assert.Equal([s.A5.ToString()], over90.QuerySelectorAll("[data-role=invoice-list] tbody tr").Select(r => r.GetAttribute("data-id")!));
        var total = await s.Client.GetPageAsync(page.QuerySelector("tr[data-client='Acme Aging'] td[data-age=total] a")!.GetAttribute("href")!);
        Assert.Equal(5, total.QuerySelectorAll("[data-role=invoice-list] tbody tr").Length);

        // One day later: A2 is 31 days late, A4 91, B1 1.
        app.Clock.Set(Nov22.AddDays(1));
        page = await s.Client.GetPageAsync("/reports/receivables");
        Assert.Equal(["750.00 EUR", "0.00 EUR", "600.25 EUR", "0.00 EUR", "190.00 EUR", "1,540.25 EUR"], Row(page, "tr[data-client='Acme Aging']"));
        Assert.Equal(["0.00 USD", "1,234.56 USD", "0.00 USD", "0.00 USD", "0.00 USD", "1,234.56 USD"], Row(page, "tr[data-client='Globex Aging']"));

        // 2026-12-22: A1 21 days, A2 60 (still 31–60), A3 61 (61–90), B1 30 (still 1–30).
        app.Clock.Set(new DateTimeOffset(2026, 12, 22, 9, 0, 0, TimeSpan.Zero));
        await s.Client.LoginAsync(s.Client.Email!); // a month on, the sign-in cookie has expired
        page = await s.Client.GetPageAsync("/reports/receivables");
        Assert.Equal(["0.00 EUR", "750.00 EUR", "400.00 EUR", "200.25 EUR", "190.00 EUR", "1,540.25 EUR"], Row(page, "tr[data-client='Acme Aging']"));
        Assert.Equal(["0.00 USD", "1,234.56 USD", "0.00 USD", "0.00 USD", "0.00 USD", "1,234.56 USD"], Row(page, "tr[data-client='Globex Aging']"));

        // The CSV has the same figures, per client and per currency total.
        var csv = await CsvAsync(s.Client, "/reports/receivables/export");
        Assert.StartsWith("Client,Currency,Current,1–30 days,31–60 days,61–90 days,Over 90 days,Total,Invoices\n", csv);
        Assert.Contains("Acme Aging,EUR,0.00,750.00,400.00,200.25,190.00,1540.25,5\n", csv);
        Assert.Contains("Globex Aging,USD,0.00,1234.56,0.00,0.00,0.00,1234.56,1\n", csv);
        Assert.Contains("Total,EUR,0.00,750.00,400.00,200.25,190.00,1540.25,5\n", csv);
    }

    [Fact]
    public async Task Aging_PeriodPicksInvoicesByIssueDate_AndAnotherAccountSeesNothing()
    {
        var s = await SetUpAsync();
        var page = await s.Client.GetPageAsync("/reports/receivables?period=custom&from=2026-09-01&to=2026-10-31");
        // A2 (issued 10-01) and A3 (09-20) only.
        Assert.Equal(["0.00 EUR", "400.00 EUR", "200.25 EUR", "0.00 EUR", "0.00 EUR", "600.25 EUR"], Row(page, "tr[data-client='Acme Aging']"));
        Assert.Null(page.QuerySelector("tr[data-client='Globex Aging']"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await s.Client.Http.GetAsync("/reports/receivables?period=custom&from=2026-12-01&to=2026-01-01")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await s.Client.Http.GetAsync("/reports/receivables?period=nonsense&from=abc")).StatusCode);

        var other = await app.SignedInClientAsync();
        var empty = await other.GetPageAsync("/reports/receivables");
        Assert.Empty(empty.QuerySelectorAll("#aging-table tbody tr[data-client]"));
    }

    [Fact]
    public async Task DaysLate_ShowOnTheInvoicePage_TheCardAndTheList_AndTheBoardShowsWhatIsStillOwed()
    {
        var s = await SetUpAsync();
        var details = await s.Client.GetPageAsync($"/invoices/details/{s.A3}");
        Assert.Equal("31 days late", Cell(details, "[data-role=days-late]"));
        Assert.Null((await s.Client.GetPageAsync($"/invoices/details/{s.A1}")).QuerySelector("[data-role=days-late]"));

        var board = await s.Client.GetPageAsync("/invoices");
        Assert.Equal("31 days late", Cell(board, $"#invoice-{s.A3} [data-role=days-late]"));
        Assert.Equal("100.25 EUR", Cell(board, $"#invoice-{s.A3} [data-role=paid]"));
        Assert.Equal("200.25 EUR", Cell(board, $"#invoice-{s.A3} [data-role=balance]"));
        // Overdue column: invoiced 400 + 300.50 + 90 + 123.45 = 913.95 EUR, still owed 790.25 EUR (and the dollar invoice is not late).
        Assert.Contains("913.95 EUR", Cell(board, "section[data-status=Overdue] [data-role=total]"));
        Assert.Equal("790.25 EUR still owed", Cell(board, "section[data-status=Overdue] [data-role=balance][data-currency=EUR]"));
        Assert.Equal("750.00 EUR still owed", Cell(board, "section[data-status=Sent] [data-role=balance][data-currency=EUR]"));

        var list = await s.Client.GetPageAsync($"/invoices/list?clientId={s.Acme}");
        Assert.Equal("91 days late", Cell(list, $"tr[data-id='{s.A5}'] [data-role=days-late]"));
        Assert.Null(list.QuerySelector($"tr[data-id='{s.Paid}'] [data-role=days-late]"));
    }

    [Fact]
    public async Task Issue_BackDatedPastItsDueDate_IsOverdueAtOnce_WithItsHistory()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var acme = await CreateClientAsync(client, "Back Dated");
        var late = await IssuedAsync(client, acme, "100", "2026-10-01", "2026-10-31");
        var dueToday = await IssuedAsync(client, acme, "100", "2026-11-01", "2026-11-22");

        var page = await client.GetPageAsync($"/invoices/details/{late}");
        Assert.Equal("Overdue", Cell(page, "[data-role=status]"));
        Assert.Contains("Draft → Sent", Cell(page, "[data-role=history]"));
        Assert.Contains("Sent → Overdue", Cell(page, "[data-role=history]"));
        Assert.Equal("22 days late", Cell(page, "[data-role=days-late]"));
        // Due today is not late yet.
        Assert.Equal(InvoiceStatus.Sent, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == dueToday).Select(i => i.Status).SingleAsync(), userId));
    }

    [Fact]
    public async Task UndoPayment_AfterTheDueDate_OnAPartlyPaidSentInvoice_IsOverdueAtOnce()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var acme = await CreateClientAsync(client, "Undo Late");
        var id = await IssuedAsync(client, acme, "400", "2026-11-22", "2026-11-25");
        await PayAsync(client, id, "100", "2026-11-23");

        // Past the due date, before the hourly job has run: still Sent; undoing the payment makes it Overdue now.
        app.Clock.Set(Nov22.AddDays(4));
        Assert.Equal(InvoiceStatus.Sent, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == id).Select(i => i.Status).SingleAsync(), userId));
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        var response = await client.SubmitAsync(page, "form.undo-payment");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("Overdue", Cell(page, "[data-role=status]"));
        Assert.Contains("Sent → Overdue", Cell(page, "[data-role=history]"));
        Assert.Equal("1 day late", Cell(page, "[data-role=days-late]"));
        Assert.Equal("400.00 EUR", Cell(page, "[data-role=balance]"));
    }
}

public sealed class ReceivablesAgingTests(TestApp app) : ReceivablesAgingTestsBase<TestApp>(app), IClassFixture<TestApp>;

/// <summary>Receivables aging and overdue at once, on PostgreSQL (./test.sh starts the server): the same scenarios, the same figures.</summary>
public sealed class PostgresReceivablesAgingTests(FreelancerOS.Tests.Ledger.PostgresTestApp app) : ReceivablesAgingTestsBase<FreelancerOS.Tests.Ledger.PostgresTestApp>(app), IClassFixture<FreelancerOS.Tests.Ledger.PostgresTestApp>;
