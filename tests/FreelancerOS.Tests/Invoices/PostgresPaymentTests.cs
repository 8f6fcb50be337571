using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Ledger;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>Payments on PostgreSQL (the server set-up): the flow, and two payments of the same open amount at once.</summary>
public sealed class PostgresPaymentTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public async Task Payments_OnPostgres_IssuePartialOneClickUndoVoid_KeepTheTotals()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Postgres Payer");
        var id = await CreateDraftAsync(client, clientId, ("Design", "3", "333.33"));
        await IssueAsync(client, id);

        Assert.Equal(HttpStatusCode.Redirect, (await InvoicePaymentTests.PayAsync(client, id, "Bank", "500", "2026-11-22")).StatusCode);
        var open = await app.WithDbAsync(db => db.Incomes.SingleAsync(i => i.InvoiceId == id && i.PaymentModeId == null), userId);
        Assert.Equal(499.99m, open.Amount);
        var ledger = await client.GetPageAsync("/ledger?q=Postgres+Payer");
        await client.SubmitAsync(ledger, $"#settle-{open.Id}", new Dictionary<string, string> { ["paymentModeId"] = InvoicePaymentTests.Option(ledger, "paymentModeId", "Cash") });
        var invoice = await app.WithDbAsync(db => db.Invoices.SingleAsync(i => i.Id == id), userId);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(999.99m, invoice.AmountPaid);

        var page = await client.GetPageAsync($"/invoices/details/{id}");
        await client.SubmitAsync(page, "form.undo-payment");
        page = await client.GetPageAsync($"/invoices/details/{id}");
        await client.SubmitAsync(page, "form.undo-payment");
        page = await client.GetPageAsync($"/invoices/details/{id}");
        await client.SubmitAsync(page, $"form[action='/invoices/void/{id}']");
        Assert.Equal(InvoiceStatus.Void, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == id).Select(i => i.Status).SingleAsync(), userId));
        Assert.Equal(0, await app.WithDbAsync(db => db.Incomes.CountAsync(i => i.InvoiceId == id), userId));
    }

    [Fact]
    public async Task TwoFullPaymentsAtOnce_OnPostgres_OneWins_AndTheMoneyIsNotCountedTwice()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Race Payer");
        var id = await CreateDraftAsync(client, clientId, ("Design", "1", "800"));
        await IssueAsync(client, id);
        var form = await client.GetPageAsync($"/invoices/payment/{id}");
        var mode = InvoicePaymentTests.Option(form, "PaymentModeId", "Bank");

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.SubmitAsync(form, "#payment-form",
            new Dictionary<string, string> { ["PaymentModeId"] = mode, ["Amount"] = "800", ["Date"] = "2026-11-22" })));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK); // the form again, with the reason

        var incomes = await app.WithDbAsync(db => db.Incomes.Where(i => i.InvoiceId == id).ToListAsync(), userId);
        Assert.Equal(800m, Assert.Single(incomes).Amount);
        var invoice = await app.WithDbAsync(db => db.Invoices.SingleAsync(i => i.Id == id), userId);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(800m, invoice.AmountPaid);
    }
}
