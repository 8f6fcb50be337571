using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeptOwnCurrencyTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AmountMinor",
                table: "LedgerMonthTotals",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Hand-written data step: the kept totals are derived from the ledger entries. Emptied here, they are computed
            // again from every entry, the new column included, at the next start (KeptLedgerTotals.FillIfMissingAsync, run
            // right after the migrations, under its lock); the entries themselves are not touched.
            migrationBuilder.Sql("DELETE FROM \"LedgerMonthTotals\";");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Kind_CategoryId_Currency",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Kind", "CategoryId", "Currency", "PaymentModeId", "Count", "HomeAmountMinor", "AmountMinor" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Kind_CategoryId_Currency",
                table: "LedgerMonthTotals");

            migrationBuilder.DropColumn(
                name: "AmountMinor",
                table: "LedgerMonthTotals");
        }
    }
}
