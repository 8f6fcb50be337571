using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// Invoices typed by hand (free lines) for the clients in the Client stage, as the invoice pages make them:
/// drafted, three in four issued oldest first (so numbers follow the dates; those past their due date
/// become Overdue by the issuing rule), a few voided, and most of the issued ones paid in full or in part.
/// </summary>
public static class DemoInvoices
{
    /// <summary>
    /// Invoices per scope (and context). Every save detects changes over everything the context tracks, so a
    /// batch of 100 spent two thirds of the seed there; a pooled context makes a new scope cheap.
    /// </summary>
    public const int Batch = 10;

    private static readonly string[] InvoiceWork =
    [
        "Website design and build", "Brand workshop (half day)", "Monthly maintenance retainer", "Copywriting, landing page",
        "UX review and recommendations", "Development hours", "Photography, product shoot", "Hosting and domain, 12 months",
        "SEO audit", "Newsletter template", "Project management", "Support hours",
    ];

    public static async Task<string> SeedAsync(DemoRun run)
    {
        run.Db.ChangeTracker.Clear();
        var random = run.Random;
        var settings = run.Settings;
        var clients = await run.Db.Clients.AsNoTracking().Where(c => c.Stage == ClientStage.Client).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Currency, c.DefaultHourlyRate }).ToListAsync();
        if (clients.Count == 0) return "0 invoices";
        var today = run.Today;
        var forms = new List<InvoiceForm>();
        for (var k = 0; k < run.Profile.InvoicesPerYear * run.Years; k++)
        {
            var client = clients[random.Next(clients.Count)];
            var lines = Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
            {
                var hourly = random.Next(2) == 0;
                return new InvoiceLineForm
                {
                    Description = InvoiceWork[random.Next(InvoiceWork.Length)],
                    Quantity = hourly ? random.Next(2, 40) + random.Next(4) * 0.25m : 1m,
                    UnitPrice = hourly ? client.DefaultHourlyRate ?? (settings.DefaultHourlyRate > 0 ? settings.DefaultHourlyRate : 85m) : random.Next(3, 60) * 50m,
                };
            }).ToList();
            forms.Add(new InvoiceForm
            {
                ClientId = client.Id,
                IssueDate = today.AddDays(-random.Next(0, run.Profile.InvoiceSpreadDays ?? 365 * run.Years)),
                TaxRate = client.Currency == settings.HomeCurrency ? 21m : null,
                Lines = lines,
            });
        }

        var drafts = new List<Invoice>();
        foreach (var batch in forms.Chunk(Batch))
        {
            await using var desk = await DemoInvoiceDesk.OpenAsync(run);
            foreach (var form in batch) drafts.Add(await desk.DraftAsync(form));
        }

        var modes = await run.Db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).Select(m => m.Id).ToListAsync();
        var outcome = drafts.Where(d => d.Status == InvoiceStatus.Draft).ToList();
        var paidOne = false; // the oldest issued invoice is paid in full, so even a small seed shows every status
        foreach (var batch in drafts.OrderBy(d => d.IssueDate).ThenBy(d => d.Id).Chunk(Batch))
        {
            await using var desk = await DemoInvoiceDesk.OpenAsync(run);
            foreach (var draft in batch)
            {
                if (random.Next(4) == 0) continue;
                outcome.Remove(draft);
                var invoice = await desk.IssueAsync(draft);
                outcome.Add(invoice);
                if (random.Next(12) == 0) await desk.VoidAsync(invoice);
                else paidOne |= await PayAsync(run, desk, invoice, modes, random, mustPay: !paidOne);
            }
        }
        var byStatus = outcome.GroupBy(i => i.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        return $"{outcome.Count} invoices ({string.Join(", ", byStatus)})";
    }

    /// <summary>About a third are paid in full and a quarter in part; of ten years of invoices, what is long past due has almost always been paid.</summary>
    private static async Task<bool> PayAsync(DemoRun run, DemoInvoiceDesk desk, Invoice invoice, List<int> modes, Random random, bool mustPay)
    {
        var today = run.Today;
        var roll = run.Profile.InvoiceSpreadDays is null && invoice.DueDate < today.AddDays(-90)
            ? random.Next(40) switch { < 37 => 0, 37 or 38 => 5, _ => 11 }
            : random.Next(12);
        if (mustPay) roll = 0;
        if (roll >= 7) return false;
        var date = invoice.IssueDate.AddDays(random.Next(3, 40));
        if (date > today) date = today;
        var amount = roll < 4 ? invoice.Total : Currency.Round(invoice.Total * random.Next(2, 8) / 10m, invoice.Currency);
        if (amount <= 0 || amount > invoice.Total) return false;
        await desk.PayAsync(invoice, modes[random.Next(Math.Min(2, modes.Count))], date, amount);
        return invoice.Status == InvoiceStatus.Paid;
    }
}
