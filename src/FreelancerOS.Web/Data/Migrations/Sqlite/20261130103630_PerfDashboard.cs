using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerfDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Services_Billing_Unbilled",
                table: "Services",
                columns: new[] { "OwnerId", "Pricing", "InvoiceId", "ProjectId", "Rate", "Quantity" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_Reports_ExpenseSeries",
                table: "LedgerEntries",
                columns: new[] { "OwnerId", "Kind", "Period", "Description", "Vendor", "CategoryId", "Date", "HomeAmountMinor" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_Billing_Unbilled",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_Reports_ExpenseSeries",
                table: "LedgerEntries");
        }
    }
}
