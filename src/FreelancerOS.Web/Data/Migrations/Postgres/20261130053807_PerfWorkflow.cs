using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PerfWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_OwnerId_CategoryId_Currency_Date_Kind_Payment~",
                table: "LedgerEntries",
                columns: new[] { "OwnerId", "CategoryId", "Currency", "Date", "Kind", "PaymentModeId", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OwnerId_IssueDate_Id",
                table: "Invoices",
                columns: new[] { "OwnerId", "IssueDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OwnerId_Status_IssueDate_Id",
                table: "Invoices",
                columns: new[] { "OwnerId", "Status", "IssueDate", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_OwnerId_CategoryId_Currency_Date_Kind_Payment~",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_OwnerId_IssueDate_Id",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_OwnerId_Status_IssueDate_Id",
                table: "Invoices");
        }
    }
}
