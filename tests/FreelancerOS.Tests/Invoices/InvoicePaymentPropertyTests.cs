using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// Walks random sequences of issue / partial payment / full payment / undo (invoice page and ledger) /
/// ledger one-click received / void through the real forms, and after every step checks that the
/// incomes linked to each issued invoice add up to its total, that what was received matches the
/// invoice's paid amount and status, and that a void invoice keeps no income.
/// </summary>
public sealed class InvoicePaymentPropertyTests(TestApp app) : IClassFixture<TestApp>
{
    private sealed class Expected
    {
        public required int Id { get; init; }
        public required decimal Total { get; init; }
        public required DateOnly DueDate { get; init; }
        public decimal Received { get; set; }
        public InvoiceStatus Status { get; set; } = InvoiceStatus.Sent;
    }

    [Theory]
    [InlineData(20261122, 300)]
    [InlineData(7, 150)]
    public async Task RandomIssuePayUndoVoid_KeepsLinkedIncomesEqualToTheTotal_AndTheStatusRight(int seed, int steps)
    {
        var random = new Random(seed);
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, $"Random Client {seed}");
        var today = new DateOnly(2026, 11, 22);
        var invoices = new List<Expected>();
        var log = new List<string>();

        for (var step = 0; step < steps; step++)
        {
            var open = invoices.Where(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue).ToList();
            var withPayments = invoices.Where(i => i.Received > 0 && i.Status != InvoiceStatus.Void).ToList();
            var action = invoices.Count < 2 ? 0 : random.Next(7);
            switch (action)
            {
                case 0 or 1 when invoices.Count < 40 || open.Count == 0:
                {
                    // Issue a new invoice: 1-3 lines with cents, sometimes tax, sometimes already past due.
                    var lines = Enumerable.Range(0, random.Next(1, 4))
                        .Select(k => ($"Work {step}.{k}", random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
                            (random.Next(1000, 50000) / 100m).ToString(CultureInfo.InvariantCulture))).ToArray();
                    var issue = random.Next(3) == 0 ? today.AddDays(-60) : today;
                    var response = await PostDraftAsync(client, clientId, lines, taxRate: random.Next(2) == 0 ? "21" : null, issueDate: issue.ToString("yyyy-MM-dd"));
                    var id = AppClient.IdFromRedirect(response);
                    await IssueAsync(client, id);
                    var stored = await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == id).Select(i => new { i.Total, i.DueDate }).SingleAsync(), userId);
                    // Issued past its due date: Overdue at once (no waiting for the hourly job).
                    invoices.Add(new Expected { Id = id, Total = stored.Total, DueDate = stored.DueDate,
                        Status = stored.DueDate < today ? InvoiceStatus.Overdue : InvoiceStatus.Sent });
                    log.Add($"{step}: issue #{id} {stored.Total}");
                    break;
                }
                case 2 or 3 or 0 or 1 when open.Count > 0:
                {
                    // A payment: the whole open amount, or a part of it (in cents).
                    var inv = open[random.Next(open.Count)];
                    var left = inv.Total - inv.Received;
                    var amount = random.Next(3) == 0 || left <= 0.01m ? left : Math.Max(0.01m, Math.Round(left * random.Next(1, 100) / 100m, 2));
                    var response = await InvoicePaymentTests.PayAsync(client, inv.Id, random.Next(2) == 0 ? "Bank" : "Cash",
                        amount.ToString(CultureInfo.InvariantCulture), today.AddDays(-random.Next(0, 30)).ToString("yyyy-MM-dd"));
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    inv.Received += amount;
                    if (inv.Received >= inv.Total) inv.Status = InvoiceStatus.Paid;
                    log.Add($"{step}: pay #{inv.Id} {amount}");
                    break;
                }
                case 4 when withPayments.Count > 0:
                {
                    // Undo one received income, from the invoice page or by clearing its mode in the ledger.
                    var inv = withPayments[random.Next(withPayments.Count)];
                    var received = await app.WithDbAsync(db => db.Incomes.Where(i => i.InvoiceId == inv.Id && i.PaymentModeId != null)
                        .Select(i => new { i.Id, i.Amount }).ToListAsync(), userId);
                    var pick = received[random.Next(received.Count)];
                    if (random.Next(2) == 0)
                    {
                        var page = await client.GetPageAsync($"/invoices/details/{inv.Id}");
                        var response = await client.SubmitAsync(page, $"form.undo-payment:has(input[value='{pick.Id}'])");
                        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    }
                    else
                    {
                        var edit = await client.GetPageAsync($"/ledger/edit/{pick.Id}");
                        var response = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["PaymentModeId"] = "" });
                        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    }
                    inv.Received -= pick.Amount;
                    if (inv.Status is InvoiceStatus.Paid or InvoiceStatus.Sent && inv.Received < inv.Total)
                        inv.Status = inv.DueDate < today ? InvoiceStatus.Overdue : InvoiceStatus.Sent;
                    log.Add($"{step}: undo #{inv.Id} {pick.Amount}");
                    break;
                }
                case 5 when open.Count > 0:
                {
                    // The ledger's one-click "received" on the invoice's open income.
                    var inv = open[random.Next(open.Count)];
                    var income = await app.WithDbAsync(db => db.Incomes.Where(i => i.InvoiceId == inv.Id && i.PaymentModeId == null)
                        .Select(i => new { i.Id, i.Amount, i.Date }).SingleAsync(), userId);
                    var ledger = await client.GetPageAsync($"/ledger?period=all&q={Uri.EscapeDataString("Random Client")}&status=open&page=1");
                    if (ledger.QuerySelector($"#settle-{income.Id}") is null) break; // on another page of the list
                    var response = await client.SubmitAsync(ledger, $"#settle-{income.Id}",
                        new Dictionary<string, string> { ["paymentModeId"] = InvoicePaymentTests.Option(ledger, "paymentModeId", "Card") });
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    inv.Received += income.Amount;
                    if (inv.Received >= inv.Total) inv.Status = InvoiceStatus.Paid;
                    log.Add($"{step}: one-click #{inv.Id} {income.Amount}");
                    break;
                }
                case 6 when open.Count > 0:
                {
                    // Void: refused while money was received, else the open remainder leaves the ledger.
                    var inv = open[random.Next(open.Count)];
                    var page = await client.GetPageAsync($"/invoices/details/{inv.Id}");
                    await client.SubmitAsync(page, $"form[action='/invoices/void/{inv.Id}']");
                    if (inv.Received == 0) inv.Status = InvoiceStatus.Void;
                    log.Add($"{step}: void #{inv.Id} ({(inv.Received == 0 ? "done" : "refused")})");
                    break;
                }
            }

            if (invoices.Any(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue && i.Received > 0)) log.Add($"{step}: partly-paid ");
            await CheckAsync(userId, invoices, string.Join("\n", log.TakeLast(8)));
        }

        // The walk went through every kind of step (so the checks above saw each of them).
        foreach (var kind in new[] { "issue", "pay", "undo", "one-click", "void", "refused", "partly-paid" })
            Assert.Contains(log, l => l.Contains($" {kind} ") || l.Contains($"({kind})"));
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Paid);
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Void);
    }

    private async Task CheckAsync(string userId, List<Expected> expected, string recent)
    {
        var ids = expected.Select(e => e.Id).ToList();
        var stored = await app.WithDbAsync(async db => (
            Invoices: await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id),
            Incomes: await db.Incomes.AsNoTracking().Where(i => i.InvoiceId != null && ids.Contains(i.InvoiceId.Value)).ToListAsync()), userId);
        foreach (var e in expected)
        {
            var invoice = stored.Invoices[e.Id];
            var linked = stored.Incomes.Where(i => i.InvoiceId == e.Id).ToList();
            var received = linked.Where(i => i.PaymentModeId != null).Sum(i => i.Amount);
            var why = $"invoice #{e.Id} after:\n{recent}";
            Assert.True(e.Status == invoice.Status, $"status {invoice.Status}, expected {e.Status}; {why}");
            if (invoice.Status == InvoiceStatus.Void)
            {
                Assert.True(linked.Count == 0, $"a void invoice keeps {linked.Count} incomes; {why}");
                continue;
            }
            Assert.True(linked.Sum(i => i.Amount) == invoice.Total, $"linked {linked.Sum(i => i.Amount)} != total {invoice.Total}; {why}");
            Assert.True(received == e.Received && received == invoice.AmountPaid, $"received {received}, paid {invoice.AmountPaid}, expected {e.Received}; {why}");
            Assert.True(linked.Count(i => i.PaymentModeId == null) <= 1, $"more than one open income; {why}");
            Assert.True((invoice.Status == InvoiceStatus.Paid) == (received >= invoice.Total), $"Paid does not match received; {why}");
            Assert.All(linked, i => Assert.Equal(invoice.Currency, i.Currency));
        }
    }
}
