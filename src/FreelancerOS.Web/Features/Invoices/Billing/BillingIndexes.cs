using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The dashboard's unbilled flat services (<see cref="ServiceBillables"/>' rule: flat, not on an invoice) read from
/// the index alone, with what their amount needs: without it SQLite visited every service of every project of
/// every client (all of them, since hourly services never get an invoice) and read each row behind.
/// </summary>
internal sealed class BillingServiceIndexes : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b) =>
        b.HasIndex(s => new { s.OwnerId, s.Pricing, s.InvoiceId, s.ProjectId, s.Rate, s.Quantity })
            .HasDatabaseName("IX_Services_Billing_Unbilled");
}
