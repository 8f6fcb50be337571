using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Data;

/// <summary>CreatedAt comes from the DbContext and the injected clock; a date given on purpose (the demo data) is kept.</summary>
public sealed class CreatedAtStampTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task SaveChanges_StampsNewRecordsFromTheClock_KeepsAGivenDate_AndNeverRestampsAnEdit()
    {
        var email = $"stamp-{Guid.NewGuid():N}@example.com";
        await app.SignedInClientAsync(email);
        var userId = await InvoiceSteps.UserIdAsync(app, email);
        Assert.Equal(app.Clock.GetUtcNow(), await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.CreatedAt).SingleAsync()));

        var past = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var (stamped, given) = await app.WithDbAsync(async db =>
        {
            var fresh = new Client { Name = "Fresh Ltd", Currency = "EUR" };
            var old = new Client { Name = "Old Ltd", Currency = "EUR", CreatedAt = past };
            db.Clients.AddRange(fresh, old);
            await db.SaveChangesAsync();
            return (fresh.Id, old.Id);
        }, userId);
        var created = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromDays(3));
        await app.WithDbAsync(async db =>
        {
            (await db.Clients.SingleAsync(c => c.Id == stamped)).Name = "Fresh Ltd (renamed)";
            return await db.SaveChangesAsync();
        }, userId);

        var dates = await app.WithDbAsync(db => db.Clients.OrderBy(c => c.Id).Select(c => new { c.Id, c.CreatedAt }).ToListAsync(), userId);
        Assert.Equal(created, dates.Single(d => d.Id == stamped).CreatedAt);
        Assert.Equal(past, dates.Single(d => d.Id == given).CreatedAt);
    }
}
