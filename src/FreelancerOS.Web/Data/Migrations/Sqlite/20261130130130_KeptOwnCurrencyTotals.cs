using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Hand-written data step: the kept totals are derived from the ledger entries. Emptied here, they are computed
            // again from every entry, the new column included, at the next start (KeptLedgerTotals.FillIfMissingAsync, run
            // right after the migrations, under its lock); the entries themselves are not touched.
            migrationBuilder.Sql("DELETE FROM \"LedgerMonthTotals\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AmountMinor",
                table: "LedgerMonthTotals");
        }
    }
}
