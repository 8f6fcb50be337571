using FreelancerOS.Tests.Infrastructure;
using System.Net;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Tests.Ledger;
using FreelancerOS.Tests.Projects;
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

    [Fact]
    public async Task RecordsMadeThroughTheForms_AreStampedByTheContext_FromTheClock()
    {
        var email = $"forms-{Guid.NewGuid():N}@example.com";
        var client = await app.SignedInClientAsync(email);
        var userId = await InvoiceSteps.UserIdAsync(app, email);
        app.Clock.Advance(TimeSpan.FromHours(5));
        var now = app.Clock.GetUtcNow();

        var projectId = await Work.ProjectAsync(client, await Work.ClientAsync(client), rate: "100");
        Assert.Equal(HttpStatusCode.Redirect, (await Work.LogAsync(client, projectId, "2")).StatusCode);
        var entryId = await LedgerTestHelpers.CreateEntryAsync(app, client, "expense", "Stamped paper", "12.50");

        var dates = await app.WithDbAsync(async db => new[]
        {
            await db.Projects.Where(p => p.Id == projectId).Select(p => p.CreatedAt).SingleAsync(),
            await db.TimeEntries.Where(t => t.ProjectId == projectId).Select(t => t.CreatedAt).SingleAsync(),
            await db.LedgerEntries.Where(e => e.Id == entryId).Select(e => e.CreatedAt).SingleAsync(),
        }, userId);
        Assert.All(dates, d => Assert.Equal(now, d));
    }
}
