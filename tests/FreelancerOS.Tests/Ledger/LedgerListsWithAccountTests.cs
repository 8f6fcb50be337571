using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Ledger;

/// <summary>The ledger's default lists come with the account; pages that read them never write them.</summary>
public sealed class LedgerListsWithAccountTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<(int Categories, int Modes)> ListsAsync(string userId) =>
        app.WithDbAsync(async db => (await db.LedgerCategories.CountAsync(), await db.PaymentModes.CountAsync()), userId);

    [Fact]
    public async Task Register_CreatesTheDefaultLists()
    {
        var email = $"lists-{Guid.NewGuid():N}@example.com";
        await app.SignedInClientAsync(email);
        var userId = await InvoiceSteps.UserIdAsync(app, email);

        var expected = 1 + LedgerLists.DefaultClassifications.Length + LedgerLists.DefaultCategories.Length;
        Assert.Equal((expected, LedgerLists.DefaultModes.Length), await ListsAsync(userId));
        Assert.True(await app.WithDbAsync(db => db.LedgerCategories.AnyAsync(c => c.IsBuiltIn), userId));
    }

    [Fact]
    public async Task AnAccountWithoutLists_ReadingPagesWritesNothing_AndStartUpAddsThemOnce()
    {
        var email = $"old-{Guid.NewGuid():N}@example.com";
        var client = await app.SignedInClientAsync(email);
        var userId = await InvoiceSteps.UserIdAsync(app, email);
        // An account from before the lists came with the account: none yet, but one payment mode of its own.
        await app.WithDbAsync(async db =>
        {
            await db.LedgerCategories.ExecuteDeleteAsync();
            await db.PaymentModes.Where(m => m.Name != "Bank").ExecuteDeleteAsync();
            return 0;
        }, userId);

        foreach (var page in new[] { "/ledger", "/ledger/lists", "/workflow" })
            await client.GetPageAsync(page);
        Assert.Equal((0, 1), await ListsAsync(userId));

        await LedgerLists.AddToAccountsWithoutAsync(app.Services);
        await LedgerLists.AddToAccountsWithoutAsync(app.Services);

        var expected = 1 + LedgerLists.DefaultClassifications.Length + LedgerLists.DefaultCategories.Length;
        Assert.Equal((expected, 1), await ListsAsync(userId));
    }
}
