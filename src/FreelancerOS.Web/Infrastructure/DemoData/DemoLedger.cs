using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>The ledger beside the invoices' own incomes: client payments, interest, subscriptions, travel and taxes.</summary>
public static class DemoLedger
{
    private static readonly (string Description, string Vendor, string Category, int Min, int Max)[] MonthlyCosts =
    [
        ("Adobe Creative Cloud", "Adobe", "Software", 60, 60),
        ("GitHub subscription", "GitHub", "Software", 4, 4),
        ("Coworking desk", "Spaces Amsterdam", "Office", 250, 250),
        ("Mobile phone plan", "KPN", "Office", 35, 45),
        ("Bank account fee", "ABN AMRO", "Bank fees", 8, 8),
    ];

    private static readonly (string Description, string Vendor, string Category, int Min, int Max)[] OccasionalCosts =
    [
        ("Train tickets to client", "NS", "Travel", 20, 90),
        ("Hotel for workshop", "Booking.com", "Travel", 90, 320),
        ("Flight to conference", "KLM", "Travel", 150, 600),
        ("Office supplies", "Staples", "Office", 10, 80),
        ("Laptop stand and keyboard", "Coolblue", "Hardware", 60, 250),
        ("Domain renewals", "Namecheap", "Software", 12, 40),
        ("Lunch with a prospect", "Café de Jaren", "Travel", 25, 70),
    ];

    /// <summary>
    /// A few years of a freelancer's books, month by month up to today: client payments (some in USD at
    /// a typed rate), a little interest, subscriptions, travel and quarterly taxes. Recent client
    /// income is partly not received yet, so the dashboard has money receivable.
    /// </summary>
    public static async Task<int> SeedAsync(DemoRun run)
    {
        var (db, random, years, settings, clock) = (run.Db, run.Random, run.Years, run.Settings, run.Clock);
        // What the earlier steps left tracked would be walked again by every save of this step's tens of thousands of entries.
        db.ChangeTracker.Clear();
        var categories = await db.LedgerCategories.AsNoTracking().ToListAsync();
        var modes = await db.PaymentModes.AsNoTracking().ToListAsync();
        int Category(LedgerKind kind, string name) => categories.First(c => c.Kind == kind && c.Name == name).Id;
        int Mode(string name) => modes.First(m => m.Name == name).Id;
        var clients = await db.Clients.Where(c => c.Stage == ClientStage.Client || c.Stage == ClientStage.Archived)
            .Select(c => new { c.Id, c.Name, c.Currency }).ToListAsync();
        var home = settings.HomeCurrency;
        var today = settings.Today(clock);
        var now = clock.GetUtcNow();
        var count = 0;

        void Add(LedgerEntry entry, DateOnly date, decimal amount, string currency, decimal? rate, string description, int? category, int? mode)
        {
            entry.Record(date, amount, currency, rate, home);
            entry.Description = description;
            entry.CategoryId = category;
            entry.PaymentModeId = mode;
            entry.CreatedAt = now;
            db.LedgerEntries.Add(entry);
            count++;
        }

        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-(12 * years - 1));
        for (var month = start; month <= today; month = month.AddMonths(1))
        {
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            DateOnly Day(int d) => new(month.Year, month.Month, Math.Min(d, days));
            var recent = today.DayNumber - month.DayNumber < 45;

            for (var d = 0; d < run.Profile.LedgerDensity; d++)
            for (var i = 0; i < random.Next(2, 6); i++)
            {
                var date = Day(random.Next(1, 29));
                if (date > today) continue;
                var client = clients.Count > 0 ? clients[random.Next(clients.Count)] : null;
                var foreign = client?.Currency is { } c && c != home;
                var amount = random.Next(8, 60) * 100m + (random.Next(4) == 0 ? 50m : 0m);
                var rate = foreign ? 0.85m + random.Next(0, 1000) / 10000m : (decimal?)null;
                var received = !recent || random.Next(2) == 0;
                Add(new Income { ClientId = client?.Id }, date, amount, foreign ? client!.Currency : home, rate,
                    $"Invoice {month:yyyyMM}-{i + 1}" + (client is null ? "" : $" · {client.Name}"),
                    Category(LedgerKind.Income, LedgerCategory.ClientClassification),
                    received ? Mode(random.Next(8) == 0 ? "PayPal" : "Bank") : null);
            }
            if (month.Month is 3 or 6 or 9 or 12)
                Add(new Income(), Day(28), Math.Round(random.Next(500, 4000) / 100m, 2), home, null, "Savings interest",
                    Category(LedgerKind.Income, "Interest"), Mode("Bank"));

            foreach (var (description, vendor, category, min, max) in MonthlyCosts)
            {
                var date = Day(3);
                if (date > today) continue;
                var amount = min == max ? min + 0.99m : random.Next(min * 100, max * 100) / 100m;
                Add(new Expense { Vendor = vendor }, date, amount, home, null, description, Category(LedgerKind.Expense, category), Mode(vendor == "ABN AMRO" ? "Bank" : "Card"));
            }
            for (var d = 0; d < run.Profile.LedgerDensity; d++)
            for (var i = 0; i < random.Next(2, 7); i++)
            {
                var (description, vendor, category, min, max) = OccasionalCosts[random.Next(OccasionalCosts.Length)];
                var date = Day(random.Next(1, 29));
                if (date > today) continue;
                var paid = !recent || random.Next(3) > 0;
                Add(new Expense { Vendor = vendor, Rechargeable = category == "Travel" && random.Next(3) == 0 }, date,
                    random.Next(min * 100, max * 100) / 100m, home, null, description, Category(LedgerKind.Expense, category),
                    paid ? Mode(random.Next(5) == 0 ? "Cash" : "Card") : null);
            }
            if (month.Month is 1 or 4 or 7 or 10 && Day(20) <= today)
                Add(new Expense { Vendor = "Belastingdienst" }, Day(20), random.Next(1500, 4500), home, null, "VAT and income tax prepayment",
                    Category(LedgerKind.Expense, "Taxes"), Mode("Bank"));
            if (month.Month == 12) await run.SaveBatchAsync(clear: true);
        }
        await run.SaveBatchAsync();
        return count;
    }
}
