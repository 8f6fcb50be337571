using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BoardAndListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Projects_Open_OwnerId_Priority_SortOrder",
                table: "Projects",
                columns: new[] { "OwnerId", "Priority", "SortOrder" },
                filter: "\"Status\" <> 2");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_OwnerId_Priority_Name_Id",
                table: "Projects",
                columns: new[] { "OwnerId", "Priority", "Name", "Id" },
                descending: new[] { false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OwnerId_Name",
                table: "Clients",
                columns: new[] { "OwnerId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_Open_OwnerId_Priority_SortOrder",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_OwnerId_Priority_Name_Id",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OwnerId_Name",
                table: "Clients");
        }
    }
}
