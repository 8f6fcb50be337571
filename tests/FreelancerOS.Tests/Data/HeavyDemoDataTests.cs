using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The heavy profile (one year of it, through the same batched code as the ten-year benchmark data) leaves
/// data the app's own rules would have produced.
/// </summary>
public sealed class HeavyDemoDataTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task HeavyProfile_OneYear_IsConsistent()
    {
        var client = await app.SignedInClientAsync("heavy@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "heavy@example.com").Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 1, seed: 11, DemoProfile.Heavy);
        }

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(32, await db.Clients.CountAsync());
            Assert.Equal(102, await db.Projects.CountAsync());
            Assert.True(await db.TimeEntries.CountAsync() > 1_500);
            Assert.True(await db.LedgerEntries.CountAsync() > 4_000);

            var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).ToListAsync();
            Assert.True(invoices.Count >= 200);
            foreach (var status in Enum.GetValues<InvoiceStatus>())
                Assert.Contains(invoices, i => i.Status == status);
            var incomes = (await db.Incomes.AsNoTracking().Where(i => i.InvoiceId != null)
                    .Select(i => new { InvoiceId = i.InvoiceId!.Value, i.Amount, i.Currency, Received = i.PaymentModeId != null }).ToListAsync())
                .ToLookup(i => i.InvoiceId);
            foreach (var invoice in invoices)
            {
                Assert.Equal(invoice.Lines.Sum(l => l.Amount), invoice.Subtotal);
                Assert.Equal(invoice.Subtotal + invoice.Tax, invoice.Total);
                var linked = incomes[invoice.Id].ToList();
                var received = linked.Where(i => i.Received).Sum(i => i.Amount);
                Assert.All(linked, i => Assert.Equal(invoice.Currency, i.Currency));
                switch (invoice.Status)
                {
                    case InvoiceStatus.Paid:
                        Assert.Equal(invoice.Total, received);
                        Assert.Equal(invoice.Total, linked.Sum(i => i.Amount));
                        break;
                    case InvoiceStatus.Sent or InvoiceStatus.Overdue:
                        Assert.Equal(invoice.Total, linked.Sum(i => i.Amount));
                        Assert.True(received < invoice.Total, $"{invoice.Number} is received in full but {invoice.Status}");
                        Assert.Equal(received, invoice.AmountPaid);
                        break;
                    default:
                        Assert.Empty(linked);
                        break;
                }
            }
            // Billed time points at an invoice that has it on a line.
            var billedTime = await db.TimeEntries.Where(t => t.InvoiceId != null)
                .CountAsync(t => !db.InvoiceLines.Any(l => l.Id == t.InvoiceLineId && l.InvoiceId == t.InvoiceId));
            Assert.Equal(0, billedTime);
            return 0;
        }, userId);

        var home = await client.Http.GetAsync("/");
        Assert.True(home.IsSuccessStatusCode);
    }
}
