using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>Classifications, categories and payment modes of the account; a new account gets sensible defaults on first use.</summary>
public static class LedgerLists
{
    public static readonly string[] DefaultClassifications = ["Salary", "Interest", "Refund"];
    public static readonly string[] DefaultCategories = ["Software", "Hardware", "Travel", "Office", "Taxes", "Bank fees"];
    public static readonly string[] DefaultModes = ["Bank", "Cash", "Card", "PayPal"];

    public static async Task<LedgerLookups> LoadAsync(AppDbContext db)
    {
        // Categories and payment modes in one statement, each in its own order.
        var rows = await db.LedgerCategories.AsNoTracking()
            .Select(c => new { IsMode = false, c.Id, c.Kind, c.Name, c.IsBuiltIn })
            .Concat(db.PaymentModes.AsNoTracking().Select(m => new { IsMode = true, m.Id, Kind = LedgerKind.Income, m.Name, IsBuiltIn = false }))
            .OrderBy(r => r.IsMode).ThenBy(r => r.Kind).ThenByDescending(r => r.IsBuiltIn).ThenBy(r => r.Name)
            .ToListAsync();
        if (!rows.Any(r => !r.IsMode))
        {
            // The built-in "Client" can never be deleted, so an empty list only happens once per account.
            await EnsureDefaultsAsync(db);
            return await LoadAsync(db);
        }
        return new LedgerLookups(
            rows.Where(r => !r.IsMode).Select(r => new CategoryOption(r.Id, r.Kind, r.Name, r.IsBuiltIn)).ToList(),
            rows.Where(r => r.IsMode).Select(r => new ModeOption(r.Id, r.Name)).ToList());
    }

    public static async Task EnsureDefaultsAsync(AppDbContext db)
    {
        if (await db.LedgerCategories.AnyAsync()) return;
        db.LedgerCategories.Add(LedgerCategory.BuiltInClient());
        foreach (var name in DefaultClassifications) db.LedgerCategories.Add(new LedgerCategory(LedgerKind.Income, name));
        foreach (var name in DefaultCategories) db.LedgerCategories.Add(new LedgerCategory(LedgerKind.Expense, name));
        if (!await db.PaymentModes.AnyAsync())
            foreach (var name in DefaultModes) db.PaymentModes.Add(new PaymentMode { Name = name });
        await db.SaveChangesAsync();
    }
}
