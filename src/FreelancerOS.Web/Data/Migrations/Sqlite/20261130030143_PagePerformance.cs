using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PagePerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TimeEntries_OwnerId_InvoiceId_Billable",
                table: "TimeEntries",
                columns: new[] { "OwnerId", "InvoiceId", "Billable" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimeEntries_OwnerId_InvoiceId_Billable",
                table: "TimeEntries");
        }
    }
}
