package dev.blackwater.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.catalog.Column;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.warehouse.WarehouseTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

  private static final Model PAYMENT_TYPE =
      new Model(WarehouseTable.DIM_PAYMENT_TYPE, "SELECT 1 AS payment_type_id, 'x'");

  @Test
  void everyWarehouseTableHasAModelAndTheFactsRunBeforeDimDate() {
    List<String> names = Model.all().stream().map(Model::name).toList();

    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            List.of(WarehouseTable.values()).stream().map(WarehouseTable::tableName).toList());
    assertThat(names.subList(0, 4))
        .containsExactly("fact_sales_order", "fact_purchase_order", "fact_payment", "dim_date");
    assertThat(Model.all()).allSatisfy(m -> assertThat(m.sql()).startsWith("--"));
  }

  @Test
  void aModelWithTheWarehouseTablesColumnsPasses() {
    PAYMENT_TYPE.checkColumns(
        List.of(
            new Column("payment_type_id", "INTEGER"), new Column("payment_type_name", "VARCHAR")));
  }

  @Test
  void aModelWhoseColumnsDifferFromTheWarehouseTableFails() {
    for (List<Column> wrong :
        List.of(
            List.of(new Column("payment_type_id", "INTEGER")),
            List.of(
                new Column("payment_type_name", "VARCHAR"),
                new Column("payment_type_id", "INTEGER")),
            List.of(
                new Column("payment_type_id", "BIGINT"),
                new Column("payment_type_name", "VARCHAR")),
            List.of(new Column("payment_type_id", "INTEGER"), new Column("name", "VARCHAR")))) {
      assertThatThrownBy(() -> PAYMENT_TYPE.checkColumns(wrong))
          .isInstanceOf(BlackwaterException.class)
          .satisfies(
              e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.INTERNAL))
          .hasMessageStartingWith("model dim_payment_type gives the columns [")
          .hasMessageEndingWith(
              ", the warehouse table has [payment_type_id INTEGER, payment_type_name VARCHAR]");
    }
  }
}
