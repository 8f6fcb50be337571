using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PerfReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TimeEntries_Reports_Hours",
                table: "TimeEntries",
                columns: new[] { "OwnerId", "Date", "ProjectId", "Hours" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_Reports_ProjectExpenses",
                table: "LedgerEntries",
                columns: new[] { "OwnerId", "Kind", "Date", "ProjectId", "Rechargeable", "HomeAmountMinor" },
                filter: "\"ProjectId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Reports_IssueDate",
                table: "Invoices",
                columns: new[] { "OwnerId", "IssueDate", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimeEntries_Reports_Hours",
                table: "TimeEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_Reports_ProjectExpenses",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Reports_IssueDate",
                table: "Invoices");
        }
    }
}
