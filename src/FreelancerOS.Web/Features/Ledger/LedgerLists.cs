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
        var categories = await db.LedgerCategories.AsNoTracking()
            .OrderBy(c => c.Kind).ThenByDescending(c => c.IsBuiltIn).ThenBy(c => c.Name)
            .Select(c => new CategoryOption(c.Id, c.Kind, c.Name, c.IsBuiltIn)).ToListAsync();
        if (categories.Count == 0)
        {
            // The built-in "Client" can never be deleted, so an empty list only happens once per account.
            await EnsureDefaultsAsync(db);
            return await LoadAsync(db);
        }
        var modes = await db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).Select(m => new ModeOption(m.Id, m.Name)).ToListAsync();
        return new LedgerLookups(categories, modes);
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
