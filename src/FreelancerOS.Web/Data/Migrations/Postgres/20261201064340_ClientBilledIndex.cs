using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClientBilledIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientMonthBilled_ClientId",
                table: "ClientMonthBilled");

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_ClientId_Currency_OwnerId_SubtotalUnits",
                table: "ClientMonthBilled",
                columns: new[] { "ClientId", "Currency", "OwnerId", "SubtotalUnits" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientMonthBilled_ClientId_Currency_OwnerId_SubtotalUnits",
                table: "ClientMonthBilled");

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_ClientId",
                table: "ClientMonthBilled",
                column: "ClientId");
        }
    }
}
