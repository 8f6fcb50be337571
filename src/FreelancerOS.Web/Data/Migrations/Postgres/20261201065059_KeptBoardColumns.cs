using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeptBoardColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The dashboard's kept figures gain the pipeline board's column totals: emptied, they are recomputed for every
            // account at start-up (KeptDashboardTotals.FillIfMissingAsync), columns included.
            migrationBuilder.Sql("DELETE FROM \"DashboardTotals\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The column rows are harmless to the figures read before them; they stay.
        }
    }
}
