using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PerfLedgerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Kind_PaymentModeId_Period_Count_H~",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Kind", "PaymentModeId", "Period", "Count", "HomeAmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OwnerId_Status_IssueDate_Currency_Total_AmountPaid",
                table: "Invoices",
                columns: new[] { "OwnerId", "Status", "IssueDate", "Currency", "Total", "AmountPaid" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Kind_PaymentModeId_Period_Count_H~",
                table: "LedgerMonthTotals");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_OwnerId_Status_IssueDate_Currency_Total_AmountPaid",
                table: "Invoices");
        }
    }
}
