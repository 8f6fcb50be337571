using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// Walks random sequences of issue / partial payment / full payment / undo (invoice page and ledger) /
/// ledger one-click received / void through the real forms, and (workflow grid) new client incomes,
/// drafts, linking and unlinking incomes to drafts and issued invoices, and issuing drafts that hold
/// incomes. After every step it checks that the incomes linked to each issued invoice add up to its
/// total, that what was received matches the invoice's paid amount and status (Paid ⇔ received ≥ total),
/// that a void invoice keeps no income, that a draft's income lines are exactly its linked incomes, and
/// that no received money is counted for two invoices.
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
    [InlineData(12, 1600)]
    public async Task RandomIssuePayUndoVoid_KeepsLinkedIncomesEqualToTheTotal_AndTheStatusRight(int seed, int steps)
    {
        var random = new Random(seed);
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, $"Random Client {seed}");
        var today = new DateOnly(2026, 11, 22);
        var invoices = new List<Expected>();
        var drafts = new List<int>();
        var incomes = new List<int>();
        var log = new List<string>();

        for (var step = 0; step < steps; step++)
        {
            var open = invoices.Where(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue).ToList();
            var withPayments = invoices.Where(i => i.Received > 0 && i.Status != InvoiceStatus.Void).ToList();
            var action = invoices.Count < 2 ? 0 : random.Next(12);
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

            if (action >= 7) await WorkflowStepAsync(action, random, step, client, userId, clientId, today, invoices, drafts, incomes, log);

            if (invoices.Any(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue && i.Received > 0)) log.Add($"{step}: partly-paid ");
            await CheckAsync(userId, invoices, string.Join("\n", log.TakeLast(8)), drafts);
        }

        // The walk went through every kind of step (so the checks above saw each of them).
        foreach (var kind in new[] { "issue", "pay", "undo", "one-click", "void", "refused", "partly-paid" })
            Assert.Contains(log, l => l.Contains($" {kind} ") || l.Contains($"({kind})"));
        if (steps >= 1000)
            foreach (var kind in new[] { "link-draft", "link-issued", "link-refused", "unlink-draft", "unlink-issued", "unlink-refused", "issue-draft" })
                Assert.Contains(log, l => l.Contains($" {kind} "));
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Paid);
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Void);
    }

    /// <summary>
    /// The workflow grid's steps (actions 7-11): a new client income (received or not), a new draft, a link
    /// made on the row edit page (to a draft or an issued invoice, which may be refused), an unlink, issuing a
    /// draft that holds incomes. The expected model follows the rules: an issued invoice takes a received
    /// income up to its open amount and nothing else; a draft takes any income of its currency.
    /// </summary>
    private async Task WorkflowStepAsync(int action, Random random, int step, AppClient client, string userId, int clientId, DateOnly today,
        List<Expected> invoices, List<int> drafts, List<int> incomes, List<string> log)
    {
        var state = await app.WithDbAsync(async db => await db.Incomes.AsNoTracking().Where(i => incomes.Contains(i.Id))
            .Select(i => new { i.Id, i.Amount, i.InvoiceId, Received = i.PaymentModeId != null }).ToListAsync(), userId);
        switch (action)
        {
            case 7 when incomes.Count < 60:
            {
                var received = random.Next(2) == 0;
                var amount = random.Next(1000, 60000) / 100m;
                var description = $"Walk income {step}";
                var form = await client.GetPageAsync("/ledger/create?kind=income");
                var values = new Dictionary<string, string>
                {
                    ["Description"] = description, ["Amount"] = amount.ToString(CultureInfo.InvariantCulture), ["Date"] = today.ToString("yyyy-MM-dd"),
                };
                if (received) values["PaymentModeId"] = InvoicePaymentTests.Option(form, "PaymentModeId", "Bank");
                Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(form, "#entry-form", values)).StatusCode);
                incomes.Add(await app.WithDbAsync(db => db.Incomes.Where(i => i.Description == description).Select(i => i.Id).SingleAsync(), userId));
                log.Add($"{step}: income {amount} {(received ? "received" : "open")} ");
                break;
            }
            case 8 when drafts.Count < 4:
            {
                var lines = new[] { ($"Draft work {step}", "1", (random.Next(1000, 80000) / 100m).ToString(CultureInfo.InvariantCulture)) };
                drafts.Add(AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, lines, issueDate: today.ToString("yyyy-MM-dd"))));
                log.Add($"{step}: draft #{drafts[^1]} ");
                break;
            }
            case 9 when state.Any(i => i.InvoiceId == null) && (drafts.Count > 0 || invoices.Count > 0):
            {
                var pick = state.Where(i => i.InvoiceId == null).ElementAt(random.Next(state.Count(i => i.InvoiceId == null)));
                var toDraft = drafts.Count > 0 && (invoices.Count == 0 || random.Next(3) == 0);
                var target = toDraft ? drafts[random.Next(drafts.Count)] : invoices[random.Next(invoices.Count)].Id;
                var response = await EditLinkAsync(client, pick.Id, target.ToString());
                if (toDraft)
                {
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    log.Add($"{step}: link-draft #{pick.Id} → #{target} {pick.Amount} ");
                    break;
                }
                var inv = invoices.Single(i => i.Id == target);
                var accepted = inv.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue && pick.Received && pick.Amount <= inv.Total - inv.Received;
                Assert.True(accepted == (response.StatusCode == HttpStatusCode.Redirect),
                    $"link #{pick.Id} ({pick.Amount}, received {pick.Received}) to #{inv.Id} ({inv.Status}, {inv.Received}/{inv.Total}): {response.StatusCode}");
                if (accepted)
                {
                    inv.Received += pick.Amount;
                    if (inv.Received >= inv.Total) inv.Status = InvoiceStatus.Paid;
                }
                log.Add($"{step}: {(accepted ? "link-issued" : "link-refused")} #{pick.Id} → #{target} {pick.Amount} ");
                break;
            }
            case 10 when state.Any(i => i.InvoiceId != null):
            {
                var linked = state.Where(i => i.InvoiceId != null).ToList();
                var pick = linked[random.Next(linked.Count)];
                var response = await EditLinkAsync(client, pick.Id, "");
                if (drafts.Contains(pick.InvoiceId!.Value))
                {
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    log.Add($"{step}: unlink-draft #{pick.Id} ");
                    break;
                }
                var inv = invoices.Single(i => i.Id == pick.InvoiceId);
                Assert.True(pick.Received == (response.StatusCode == HttpStatusCode.Redirect), $"unlink #{pick.Id} (received {pick.Received}): {response.StatusCode}");
                if (pick.Received)
                {
                    inv.Received -= pick.Amount;
                    if (inv.Status == InvoiceStatus.Paid && inv.Received < inv.Total)
                        inv.Status = inv.DueDate < today ? InvoiceStatus.Overdue : InvoiceStatus.Sent;
                }
                log.Add($"{step}: {(pick.Received ? "unlink-issued" : "unlink-refused")} #{pick.Id} ");
                break;
            }
            case 11 when drafts.Count > 0:
            {
                var id = drafts[random.Next(drafts.Count)];
                await IssueAsync(client, id);
                drafts.Remove(id);
                var stored = await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == id).Select(i => new { i.Total, i.DueDate }).SingleAsync(), userId);
                var received = state.Where(i => i.InvoiceId == id && i.Received).Sum(i => i.Amount);
                invoices.Add(new Expected
                {
                    Id = id, Total = stored.Total, DueDate = stored.DueDate, Received = received,
                    Status = received >= stored.Total ? InvoiceStatus.Paid : InvoiceStatus.Sent,
                });
                log.Add($"{step}: issue-draft #{id} {stored.Total} (received {received}) ");
                break;
            }
        }
    }

    /// <summary>Sets the income's invoice on the workflow row edit page (the form that works without JavaScript).</summary>
    private static async Task<HttpResponseMessage> EditLinkAsync(AppClient client, int incomeId, string invoiceId)
    {
        var page = await client.GetPageAsync($"/workflow/edit/{incomeId}");
        // The walk also tries invoices the form no longer offers (paid, void): a hand-made request, which the server must refuse.
        return await client.SubmitForgedAsync(page, "#workflow-edit-form", new Dictionary<string, string> { ["InvoiceId"] = invoiceId });
    }

    private async Task CheckAsync(string userId, List<Expected> expected, string recent, List<int>? drafts = null)
    {
        drafts ??= [];
        var draftState = await app.WithDbAsync(async db => (
            Lines: await db.Invoices.AsNoTracking().Where(i => drafts.Contains(i.Id)).SelectMany(i => i.Lines)
                .Where(l => l.SourceKind == InvoiceLineSourceKind.Income).Select(l => new { InvoiceId = (int?)l.InvoiceId, l.SourceId, l.Amount }).ToListAsync(),
            Incomes: await db.Incomes.AsNoTracking().Where(i => i.InvoiceId != null && drafts.Contains(i.InvoiceId.Value))
                .Select(i => new { i.InvoiceId, SourceId = (int?)i.Id, i.Amount }).ToListAsync()), userId);
        Assert.True(draftState.Lines.OrderBy(l => l.SourceId).SequenceEqual(draftState.Incomes.OrderBy(l => l.SourceId)),
            $"the drafts' income lines are not their linked incomes; after:\n{recent}");
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
        // No received money counts for two invoices: what the invoices say they received is what the ledger holds, once.
        var live = expected.Where(e => stored.Invoices[e.Id].Status != InvoiceStatus.Void).Select(e => e.Id).ToList();
        Assert.Equal(stored.Incomes.Where(i => live.Contains(i.InvoiceId!.Value) && i.PaymentModeId != null).Sum(i => i.Amount),
            live.Sum(id => stored.Invoices[id].AmountPaid));
    }
}
