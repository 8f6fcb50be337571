using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FreelancerOS.Tests.Ledger;

/// <summary>Income and Expense are entity types of their own, in one table told apart by Kind.</summary>
public sealed class LedgerEntityTypesTests
{
    private sealed class NoUser : ICurrentUser
    {
        public string? UserId => null;
    }

    private static IModel Model()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteAppDbContext(options, new NoUser());
        return db.Model;
    }

    [Fact]
    public void IncomeAndExpense_ShareTheLedgerTable_WithKindAsDiscriminator()
    {
        var model = Model();
        var entry = model.FindEntityType(typeof(LedgerEntry))!;
        var income = model.FindEntityType(typeof(Income))!;
        var expense = model.FindEntityType(typeof(Expense))!;

        Assert.Equal(entry, income.BaseType);
        Assert.Equal(entry, expense.BaseType);
        Assert.All([entry, income, expense], t => Assert.Equal("LedgerEntries", t.GetTableName()));
        Assert.Equal(nameof(LedgerEntry.Kind), entry.FindDiscriminatorProperty()!.Name);
        Assert.Equal(LedgerKind.Income, income.GetDiscriminatorValue());
        Assert.Equal(LedgerKind.Expense, expense.GetDiscriminatorValue());
    }

    [Fact]
    public void EachKind_HoldsOnlyItsOwnFields()
    {
        var model = Model();
        static string[] Own(IEntityType type) =>
            type.GetDeclaredProperties().Select(p => p.Name)
                .Concat(type.GetDeclaredNavigations().Select(n => n.Name)).Order().ToArray();

        // An income: the client it came from (and the service it pays for).
        Assert.Equal(["Client", "ClientId", "ServiceId"], Own(model.FindEntityType(typeof(Income))!));
        // An expense: vendor, receipt and whether it is billed on to a client.
        Assert.Equal(["ReceiptContentType", "ReceiptFileName", "ReceiptPath", "Rechargeable", "Vendor"], Own(model.FindEntityType(typeof(Expense))!));
        // What both have: date, money, the category (an income's classification, an expense's category:
        // both LedgerCategory rows of their own kind), how it was paid, and the project or invoice it belongs to.
        var shared = Own(model.FindEntityType(typeof(LedgerEntry))!);
        Assert.DoesNotContain(shared, p => p is "ClientId" or "ServiceId" or "Vendor" or "Rechargeable" || p.StartsWith("Receipt", StringComparison.Ordinal));
        Assert.Contains("CategoryId", shared);
    }
}
